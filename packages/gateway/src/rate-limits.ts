import { AppError } from "@baas/db";
import type { Attribution } from "./attribution";
import type { Deps } from "./deps";
import type { RateEntry } from "./hot-store";
import type { TenantConfig } from "./tenant-config";
import type { UpstreamAccountRuntime } from "./upstream";

/**
 * Request entries cost 1 when admitting a call (0 when only peeking, in preflight); token entries
 * are checked at admission and charged with the real tokens after the call.
 */
export function tenantRateEntries(cfg: TenantConfig, attr: Attribution, admit: boolean): RateEntry[] {
  const out: RateEntry[] = [];
  for (const r of cfg.rateRules) {
    const applies =
      r.scope === "TENANT" || (r.scope === "AGENT" && (r.targetId === attr.agentId || r.targetId === attr.agentExternalId));
    if (!applies) continue;
    if (r.maxRequests !== null) out.push({ tenantId: cfg.id, key: `${r.id}:req`, limit: r.maxRequests, windowMs: r.windowMs, cost: admit ? 1 : 0 });
    if (r.maxTokens !== null) out.push({ tenantId: cfg.id, key: `${r.id}:tok`, limit: r.maxTokens, windowMs: r.windowMs, cost: 0 });
  }
  return out;
}

export async function admitRate(d: Deps, entries: RateEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const r = await d.hot.rateLimit(entries, d.now());
  if (!r.ok) throw rateLimited(r.retryAfterMs);
}

export function rateLimited(retryAfterMs: number): AppError {
  const retryAfterSec = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError("RATE_LIMITED", `Rate limit reached; retry in ${retryAfterSec} s`, {
    retryAfterSec,
    details: { message: `Too many requests right now. Try again in ${retryAfterSec} seconds.` },
  });
}

export function tokenEntries(entries: RateEntry[], tokens: number): RateEntry[] {
  return entries.filter((e) => e.key.endsWith(":tok")).map((e) => ({ ...e, cost: tokens }));
}

/** Per-account limits: a limited account is skipped like one in cooldown. */
export async function accountAdmits(d: Deps, a: UpstreamAccountRuntime): Promise<boolean> {
  const rules = (await d.configs.accountRateRules()).filter((r) => r.targetId === a.id && r.maxRequests !== null);
  if (rules.length === 0) return true;
  const entries = rules.map((r) => ({ tenantId: null, key: `${r.id}:req`, limit: r.maxRequests!, windowMs: r.windowMs, cost: 1 }));
  return (await d.hot.rateLimit(entries, d.now())).ok;
}

import { admitRate, tenantRateEntries } from "./rate-limits";
import { blockedMessage, loadCall, modelAllowed } from "./admission";
import { applicableBudgets, usedPct } from "./budgets";
import type { Deps } from "./deps";
import { isAppError } from "@baas/db";
import type { PreflightInput, PreflightResult } from "./types";

/** Budgets with action DOWNGRADE switch to a cheaper model once this much is used. */
const DOWNGRADE_AT_PCT = 95;

const deny = (reason: Exclude<PreflightResult["reason"], null>, message: string): PreflightResult => ({ allow: false, model: null, reason, message });

/**
 * May this turn run, and on which model? Per-group model override, plan entitlements, budget
 * state (block, or downgrade Opus → Sonnet → Haiku when low), rate limits. Reserves nothing.
 */
export async function preflight(d: Deps, tenantId: string, instanceId: string, input: PreflightInput): Promise<PreflightResult> {
  let loaded;
  try {
    loaded = await loadCall(d, tenantId, instanceId, { provider: "anthropic", request: {}, context: input.context });
  } catch (e) {
    if (isAppError(e) && e.code === "FORBIDDEN") return deny("disabled", String(e.details?.message ?? e.message));
    throw e;
  }
  const { cfg, attr } = loaded;
  let model = attr.modelOverride ?? input.model;
  if (cfg.tier && !modelAllowed(cfg.tier.allowedModels, model)) {
    if (!modelAllowed(cfg.tier.allowedModels, cfg.tier.defaultModel)) return deny("tier", `The current plan does not include ${model}.`);
    model = cfg.tier.defaultModel;
  }
  try {
    await admitRate(d, tenantRateEntries(cfg, attr, false));
  } catch (e) {
    if (isAppError(e) && e.code === "RATE_LIMITED") return deny("rate_limit", String(e.details?.message ?? e.message));
    throw e;
  }
  const applied = applicableBudgets(cfg, attr, new Date(d.now()));
  const states = await d.ledger.read(cfg, applied);
  const provider = model.startsWith("gpt") || model.startsWith("o") ? "openai" : "anthropic";
  for (const [i, a] of applied.entries()) {
    const pct = usedPct(a.rule, states[i]!, true);
    if (a.rule.action === "WARN") continue;
    if (a.rule.action === "DOWNGRADE" && pct >= DOWNGRADE_AT_PCT) {
      const next = a.rule.downgradeModel ?? d.prices.downgrade(provider, model);
      if (next) model = next;
      else if (pct >= 100) return deny(a.rule.reason, blockedMessage(a));
      continue;
    }
    if (pct >= 100) return deny(a.rule.reason, blockedMessage(a));
  }
  return { allow: true, model, reason: null, message: null };
}

import { admitRate, tenantRateEntries } from "./rate-limits";
import { blockedMessage, downgradeTarget, loadCall, modelAllowed } from "./admission";
import { applicableBudgets, type Applied } from "./budgets";
import type { CounterState } from "./hot-store";
import { worstCase } from "./pricing";
import type { Deps } from "./deps";
import { isAppError } from "@baas/db";
import { providerOfModel } from "@baas/protocol";
import type { PreflightInput, PreflightResult } from "./types";
import { creditCovers, tierRefusal } from "./tier-admission";

/**
 * A turn is let through when the budget still has room for a minimal call (500 tokens in, 100
 * out, one message) at the model's price: the real call then reserves its own worst case.
 */
const MINIMAL_IN = 500;
const MINIMAL_OUT = 100;

function fitsMinimalTurn(d: Deps, provider: "anthropic" | "openai", model: string, a: Applied, s: CounterState, fxRate: number): boolean {
  const p = d.prices.find(provider, model);
  const money = worstCase(p, MINIMAL_IN, MINIMAL_OUT) * fxRate;
  const need = { money, tokens: MINIMAL_IN + MINIMAL_OUT, messages: 1 };
  return (["money", "tokens", "messages"] as const).every((k) => {
    const limit = a.rule.limits[k];
    return limit === null || s.used[k] + s.reserved[k] + need[k] <= limit;
  });
}

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
  if (cfg.tier && !modelAllowed(cfg.tier.allowedModels, model) && !(await creditCovers(d, tenantId, cfg.tier, model))) {
    if (!modelAllowed(cfg.tier.allowedModels, cfg.tier.defaultModel)) return deny("tier", tierRefusal(cfg.tier, model));
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
  const provider = providerOfModel(model) ?? "anthropic";
  for (const [i, a] of applied.entries()) {
    if (a.rule.action === "WARN") continue;
    const rate = a.rule.currency === "USD" ? 1 : await d.fx.rate(a.rule.currency);
    if (fitsMinimalTurn(d, provider, model, a, states[i]!, rate)) continue;
    const next = downgradeTarget(d, a.rule, provider, model);
    if (next && fitsMinimalTurn(d, provider, next, a, states[i]!, rate)) model = next;
    else return deny(a.rule.reason, blockedMessage(a));
  }
  return { allow: true, model, reason: null, message: null };
}

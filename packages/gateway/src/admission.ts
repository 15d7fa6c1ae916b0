import { randomUUID } from "node:crypto";
import { AppError } from "@baas/db";
import type { Attribution } from "./attribution";
import { applicableBudgets, type Applied } from "./budgets";
import type { Deps } from "./deps";
import type { RateEntry } from "./hot-store";
import { worstCase, type Price } from "./pricing";
import { rateLimited, tenantRateEntries } from "./rate-limits";
import type { TenantConfig } from "./tenant-config";
import { checkPlanModel, needsCredit, noCredits, refundCredit, spendCredit } from "./tier-admission";
import type { CallInput, Provider } from "./types";
import { duplicateCall } from "./budgets";
import { estimateInputTokens, maxTokensOf } from "./usage-extract";
import { release } from "./recording";

/** A call that passed every check and holds its worst case on every budget that applies. */
export interface Admitted {
  instanceId: string;
  cfg: TenantConfig;
  attr: Attribution;
  input: CallInput;
  body: Record<string, unknown>;
  requestedModel: string;
  model: string;
  price: Price;
  applied: Applied[];
  reservationId: string;
  rateEntries: RateEntry[];
  startedAt: number;
  /** The caller's call id, claimed at admission (null: the gateway made one up). */
  claim: string | null;
  /** What was held, in USD micros at list price: the most this call was admitted to cost. */
  holdUsd: number;
  /** Tokens held (input estimate + max output): a call that used more is settled before it is answered. */
  holdTokens: number;
}

export function modelAllowed(allowed: string[], model: string): boolean {
  return allowed.some((m) => model === m || model.startsWith(`${m}-`));
}

/**
 * The cheaper model a DOWNGRADE budget switches a call to: the rule's own choice, else the
 * price table's next model down (null: nothing cheaper, the call is refused). Preflight and
 * admission both ask here, so the turn the host plans is the call the gateway admits.
 */
export function downgradeTarget(d: Deps, rule: Applied["rule"], provider: Provider, model: string): string | null {
  if (rule.action !== "DOWNGRADE") return null;
  return rule.downgradeModel ?? d.prices.downgrade(provider, model);
}

export function blockedMessage(a: Applied): string {
  if (a.rule.reason === "quota") return `This workspace has used all ${a.rule.limits.messages} messages of its ${a.rule.name} this month; they start over on ${a.period.end.toISOString().slice(0, 10)}.`;
  const who = a.rule.scope === "CHANNEL" ? "This chat's" : a.rule.scope === "AGENT" ? "This assistant's" : "This workspace's";
  const period = { DAILY: "daily", WEEKLY: "weekly", MONTHLY: "monthly" }[a.rule.period];
  return `${who} ${period} budget is used up; it resets on ${a.period.end.toISOString().slice(0, 10)}.`;
}

export async function loadCall(d: Deps, tenantId: string, instanceId: string, input: CallInput) {
  const [cfg, attr] = await Promise.all([
    d.configs.get(tenantId),
    d.attributor.resolve(tenantId, instanceId, input.context),
    d.prices.ready(),
  ]);
  if (!attr.agentEnabled) throw new AppError("FORBIDDEN", `Agent "${attr.agentExternalId}" is disabled`, { details: { message: "This assistant is disabled." } });
  if (attr.channelBlocked) throw new AppError("FORBIDDEN", "This channel is blocked", { details: { message: "This chat is blocked." } });
  return { cfg, attr };
}

/** A call id already recorded (in PostgreSQL, which outlives any Redis claim) is never served again. */
async function refuseRecorded(d: Deps, tenantId: string, callId: string | null): Promise<void> {
  if (callId && (await d.writer.recorded(tenantId, callId))) throw duplicateCall();
}

export async function admit(d: Deps, tenantId: string, instanceId: string, input: CallInput): Promise<Admitted> {
  const claim = input.context.callId ?? null;
  // PostgreSQL's replay check runs alongside the whole admission, the Redis reserve included (two
  // round trips overlapped instead of one after the other); no call reaches the upstream before
  // it answers, and a replayed id is refused with CONFLICT whatever else would have refused it.
  const recorded = refuseRecorded(d, tenantId, claim);
  recorded.catch(() => undefined);
  let held: { adm: Admitted; credited: boolean };
  try {
    held = await hold(d, tenantId, instanceId, input, claim);
  } catch (e) {
    await recorded;
    throw e;
  }
  try {
    await recorded;
  } catch (e) {
    await release(d, held.adm);
    if (held.credited && needsCredit(held.adm.cfg.tier, held.adm.model)) await refundCredit(d, tenantId).catch(() => undefined);
    throw e;
  }
  return held.adm;
}

/** Every check of the call, then its hold on every budget that applies (and its credit, if it takes one). */
async function hold(d: Deps, tenantId: string, instanceId: string, input: CallInput, claim: string | null): Promise<{ adm: Admitted; credited: boolean }> {
  const startedAt = d.now();
  const { cfg, attr } = await loadCall(d, tenantId, instanceId, input);
  const requestedModel = input.request.model;
  if (typeof requestedModel !== "string" || !requestedModel) throw new AppError("BAD_REQUEST", "request.model: a model id is required");
  await checkPlanModel(d, tenantId, cfg.tier, requestedModel);
  // The credit is taken before anything is held, atomically: the last one goes to one call only.
  const credited = needsCredit(cfg.tier, requestedModel);
  if (credited && !(await spendCredit(d, tenantId))) throw noCredits(cfg.tier!, requestedModel);
  try {
    return { adm: await reserveCall(d, { tenantId, instanceId, input, cfg, attr, claim, startedAt, requestedModel }, credited), credited };
  } catch (e) {
    if (credited) await refundCredit(d, tenantId).catch(() => undefined);
    throw e;
  }
}

interface ReserveInput {
  tenantId: string;
  instanceId: string;
  input: CallInput;
  cfg: Admitted["cfg"];
  attr: Admitted["attr"];
  claim: string | null;
  startedAt: number;
  requestedModel: string;
}

/** Holds the worst case on every applicable budget, downgrading where a budget says so. */
async function reserveCall(d: Deps, r: ReserveInput, credited: boolean): Promise<Admitted> {
  const { tenantId, instanceId, input, cfg, attr, claim, startedAt, requestedModel } = r;
  // Rate-limit admission runs inside the reserve script below: one Redis round trip before the call.
  const rateEntries = tenantRateEntries(cfg, attr, true);
  const applied = applicableBudgets(cfg, attr, new Date(startedAt));
  const reservationId = randomUUID();
  const est = estimateInputTokens(input.request);
  let model = requestedModel;
  for (;;) {
    const price = d.prices.find(input.provider, model);
    const maxTokens = maxTokensOf(input.provider, input.request, model);
    const usd = worstCase(price, est, maxTokens);
    const amounts = await d.ledger.amounts(cfg, applied, { usdMicros: usd, tokens: est + maxTokens, messages: 1 });
    const refused = await d.ledger.reserve(cfg, applied, amounts, reservationId, {
      leaseMs: d.holds.opts.leaseMs,
      now: d.now,
      rate: rateEntries,
      claim,
      waitMs: d.holdWaitMs,
    });
    if (refused && "rate" in refused) throw rateLimited(refused.retryAfterMs);
    if (!refused) {
      d.holds.add(cfg, applied, reservationId, amounts, claim);
      // Downgraded off the credit model: the credit taken for it goes back.
      if (credited && !needsCredit(cfg.tier, model)) await refundCredit(d, tenantId).catch(() => undefined);
      const body = model === requestedModel ? input.request : { ...input.request, model };
      return { instanceId, cfg, attr, input, body, requestedModel, model, price, applied, reservationId, rateEntries, startedAt, claim, holdUsd: usd, holdTokens: est + maxTokens };
    }
    const next = downgradeTarget(d, refused.rule, input.provider, model);
    if (next && next !== model) {
      model = next;
      continue;
    }
    throw new AppError("BUDGET_EXCEEDED", `Budget "${refused.rule.name}" does not allow this call`, {
      details: { reason: refused.rule.reason, budgetId: refused.rule.id, message: blockedMessage(refused) },
    });
  }
}

import { randomUUID } from "node:crypto";
import type { Admitted } from "./admission";
import type { Deps } from "./deps";
import { zeroAmounts } from "./hot-store";
import { priceUsage } from "./pricing";
import { tokenEntries } from "./rate-limits";
import { localDay } from "./periods";
import type { UpstreamAccountRuntime } from "./upstream";
import { totalTokens, type TokenUsage, type UsageSummary } from "./types";
import type { WriteResult } from "./usage-writer";

export interface Outcome {
  usage: TokenUsage;
  model: string;
  account: UpstreamAccountRuntime | null;
  fallbackPath: string[];
  cacheHit: boolean;
  streaming: boolean;
  ttftMs: number | null;
  status: "OK" | "ERROR";
  errorCode: string | null;
}

/**
 * Prices the call, writes its usage event exactly once (idempotency key = context.callId), then
 * replaces the reservation by the real cost. A replayed callId charges nothing the second time.
 */
export async function record(d: Deps, adm: Admitted, o: Outcome): Promise<UsageSummary> {
  const { cfg, attr, input } = adm;
  const price = o.model === adm.model ? adm.price : d.prices.find(input.provider, o.model);
  const listUsd = o.cacheHit ? 0 : priceUsage(price, o.usage);
  const cashUsd = o.account?.kind === "MAX_SUBSCRIPTION" ? 0 : listUsd;
  const fxRate = await d.fx.rate(cfg.currency);
  const tenantMicros = Math.round(listUsd * fxRate);
  const occurredAt = new Date(adm.startedAt);
  const now = d.now();
  const key = input.context.callId ?? `gw:${randomUUID()}`;
  let written: WriteResult;
  try {
    written = await d.writer.write({
      idempotencyKey: key,
      tenantId: cfg.id,
      instanceId: adm.instanceId,
      agentId: attr.agentId,
      channelId: attr.channelId,
      sessionKey: input.context.sessionKey ?? null,
      runId: input.context.runId ?? null,
      kind: "LLM",
      source: "GATEWAY",
      provider: input.provider === "openai" ? "OPENAI" : "ANTHROPIC",
      model: o.model,
      requestedModel: adm.requestedModel,
      upstreamAccountId: o.account?.id ?? null,
      fallbackPath: o.fallbackPath,
      streaming: o.streaming,
      cacheHit: o.cacheHit,
      ...o.usage,
      units: null,
      costListUsdMicros: listUsd,
      costCashUsdMicros: cashUsd,
      costTenantMicros: tenantMicros,
      tenantCurrency: cfg.currency,
      fxRate,
      latencyMs: now - adm.startedAt,
      ttftMs: o.ttftMs,
      status: o.status,
      errorCode: o.errorCode,
      overHoldUsdMicros: Math.max(0, listUsd - adm.holdUsd),
      occurredAt,
      day: localDay(occurredAt, cfg.timezone),
    });
  } catch (e) {
    // The event could not be stored: keep the budgets charged (never under-count), then fail.
    await settle(d, adm, listUsd, o.usage, true, key).catch(() => undefined);
    throw e;
  }
  if (listUsd > adm.holdUsd && written.inserted) void raiseOverHold(d, adm, listUsd);
  // The row is committed: from here on the answer is served whatever Redis does (settle retries).
  const settling = settle(d, adm, listUsd, o.usage, written.inserted || written.deadLettered === true, key);
  // Where the hold covers the real cost, the answer does not wait for the settle's reply: until
  // it lands the budgets count the hold (never less than the real cost), so nothing can overspend,
  // and this process's next reserve reaches Redis after it on the same connection. A call that cost
  // more than it held is settled before it is answered.
  if (listUsd <= adm.holdUsd && totalTokens(o.usage) <= adm.holdTokens) {
    settling.catch((e: unknown) => console.error(JSON.stringify({ level: "error", msg: "settle after a committed usage row failed", error: e instanceof Error ? e.message : String(e) })));
  } else {
    await settling;
  }
  return {
    usageEventId: written.id,
    model: o.model,
    ...o.usage,
    costUsd: listUsd / 1e6,
    costTenant: tenantMicros / 1e6,
    currency: cfg.currency,
    account: o.account?.name ?? (o.cacheHit ? "response cache" : ""),
    fallbackPath: o.fallbackPath,
    cacheHit: o.cacheHit,
  };
}

async function settle(d: Deps, adm: Admitted, listUsd: number, usage: TokenUsage, charge: boolean, ref: string): Promise<void> {
  const tokens = totalTokens(usage);
  const amounts = charge
    ? await d.ledger.amounts(adm.cfg, adm.applied, { usdMicros: listUsd, tokens, messages: 1 })
    : adm.applied.map(() => zeroAmounts());
  // Hold → real cost and the token windows, in one Redis round trip.
  const tok = charge ? tokenEntries(adm.rateEntries, tokens) : [];
  try {
    await d.ledger.settle(adm.cfg, adm.applied, adm.reservationId, amounts, tok, d.now(), ref);
    d.holds.remove(adm.reservationId);
  } catch {
    // Redis failed after the row was committed: the hold stays (renewed) and the keeper settles
    // it once Redis answers, so Redis never undercounts what PostgreSQL holds.
    d.holds.settleLater(adm.reservationId, amounts, tok, ref);
  }
}

/** Nothing was served: the hold and the call id's claim go, so the caller may try again. */
export async function release(d: Deps, adm: Admitted): Promise<void> {
  d.holds.remove(adm.reservationId);
  if (adm.applied.length || adm.claim) await d.hot.release(adm.cfg.id, adm.reservationId, adm.claim).catch(() => undefined);
}

/** Once per tenant and day: calls cost more than they were admitted for (upstream ignored max_tokens). */
async function raiseOverHold(d: Deps, adm: Admitted, listUsd: number): Promise<void> {
  const day = new Date(adm.startedAt).toISOString().slice(0, 10);
  const over = ((listUsd - adm.holdUsd) / 1e6).toFixed(4);
  await d.db.alert
    .createMany({
      data: [{
        tenantId: adm.cfg.id,
        kind: "HOLD_EXCEEDED",
        severity: "WARNING",
        periodKey: day,
        dedupeKey: `hold-exceeded:${adm.cfg.id}:${day}`,
        message: `A ${adm.model} call cost $${over} more than its admitted maximum (the provider wrote past max_tokens); budgets were charged the real cost. Calls over their hold are marked in usage.`,
      }],
      skipDuplicates: true,
    })
    .catch(() => undefined);
}

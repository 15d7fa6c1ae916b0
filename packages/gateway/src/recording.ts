import { randomUUID } from "node:crypto";
import type { Admitted } from "./admission";
import type { Deps } from "./deps";
import { zeroAmounts } from "./hot-store";
import { priceUsage } from "./pricing";
import { tokenEntries } from "./rate-limits";
import { localDay } from "./periods";
import type { UpstreamAccountRuntime } from "./upstream";
import { totalTokens, type TokenUsage, type UsageSummary } from "./types";

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
  let written: { id: string; inserted: boolean };
  try {
    written = await d.writer.write({
      idempotencyKey: input.context.callId ?? `gw:${randomUUID()}`,
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
      occurredAt,
      day: localDay(occurredAt, cfg.timezone),
    });
  } catch (e) {
    // The event could not be stored: keep the budgets charged (never under-count), then fail.
    await settle(d, adm, listUsd, o.usage, true);
    throw e;
  }
  await settle(d, adm, listUsd, o.usage, written.inserted);
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

async function settle(d: Deps, adm: Admitted, listUsd: number, usage: TokenUsage, charge: boolean): Promise<void> {
  const tokens = totalTokens(usage);
  const amounts = charge
    ? await d.ledger.amounts(adm.cfg, adm.applied, { usdMicros: listUsd, tokens, messages: 1 })
    : adm.applied.map(() => zeroAmounts());
  // Hold → real cost and the token windows, in one Redis round trip.
  const tok = charge ? tokenEntries(adm.rateEntries, tokens) : [];
  await d.ledger.settle(adm.cfg, adm.applied, adm.reservationId, amounts, tok, d.now());
}

export async function release(d: Deps, adm: Admitted): Promise<void> {
  if (adm.applied.length) await d.hot.release(adm.cfg.id, adm.reservationId).catch(() => undefined);
}

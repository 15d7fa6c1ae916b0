import { AppError } from "@baas/db";
import { applicableBudgets } from "./budgets";
import type { Deps } from "./deps";
import { localDay } from "./periods";
import { priceUnits, priceUsage } from "./pricing";
import type { ReportedUsageEvent, ReportUsageResult } from "./types";
import { totalTokens } from "./types";

/** Reported usage older than this is refused: it would land in a period long closed. */
export const REPORT_MAX_AGE_MS = 35 * 86_400_000;
/** Clock skew tolerated for usage dated in the future. */
export const REPORT_MAX_SKEW_MS = 5 * 60_000;

/** Refuses the whole batch, before anything is written, if one event is dated or named wrongly. */
function checkEvents(d: Deps, events: ReportedUsageEvent[]): void {
  const now = d.now();
  events.forEach((ev, i) => {
    const at = ev.occurredAt.getTime();
    if (!Number.isFinite(at) || at < now - REPORT_MAX_AGE_MS || at > now + REPORT_MAX_SKEW_MS) {
      throw new AppError("BAD_REQUEST", `events.${i}.occurredAt: must be within the last 35 days and not in the future`);
    }
    if (!d.prices.knows(ev.provider, ev.model)) {
      throw new AppError("BAD_REQUEST", `events.${i}.model: ${JSON.stringify(ev.model.slice(0, 80))} is not a known ${ev.provider} model`);
    }
  });
}

/**
 * Usage the gateway did not proxy (speech, images, embeddings, calls spooled while the control
 * plane was unreachable). Idempotent by eventId; only newly stored events count against budgets.
 */
export async function reportUsage(d: Deps, tenantId: string, instanceId: string, events: ReportedUsageEvent[]): Promise<ReportUsageResult> {
  const cfg = await d.configs.get(tenantId);
  await d.prices.ready();
  checkEvents(d, events);
  const fxRate = await d.fx.rate(cfg.currency);
  const results = await Promise.all(
    events.map(async (ev) => {
      const attr = await d.attributor.resolve(tenantId, instanceId, ev.context);
      const usage = {
        inputTokens: ev.inputTokens ?? 0,
        outputTokens: ev.outputTokens ?? 0,
        cacheReadTokens: ev.cacheReadTokens ?? 0,
        cacheWriteTokens: ev.cacheWriteTokens ?? 0,
      };
      const price = d.prices.find(ev.provider, ev.model);
      const listUsd = priceUsage(price, usage) + (ev.units ? priceUnits(price, ev.kind, ev.units) : 0);
      const { id, inserted, deadLettered } = await d.writer.write({
        idempotencyKey: ev.eventId,
        tenantId,
        instanceId,
        agentId: attr.agentId,
        channelId: attr.channelId,
        sessionKey: ev.context.sessionKey ?? null,
        runId: ev.context.runId ?? null,
        kind: ev.kind,
        source: ev.source ?? "REPORTED",
        provider: ev.provider === "openai" ? "OPENAI" : "ANTHROPIC",
        model: ev.model,
        requestedModel: ev.model,
        upstreamAccountId: null,
        fallbackPath: [],
        streaming: false,
        cacheHit: false,
        ...usage,
        units: ev.units ?? null,
        costListUsdMicros: listUsd,
        // Reported usage was paid by the host's own credentials, not ours: it is list cost only.
        costCashUsdMicros: 0,
        costTenantMicros: Math.round(listUsd * fxRate),
        tenantCurrency: cfg.currency,
        fxRate,
        latencyMs: null,
        ttftMs: null,
        status: "OK",
        errorCode: null,
        occurredAt: ev.occurredAt,
        day: localDay(ev.occurredAt, cfg.timezone),
      });
      // A dead-lettered row is still charged: the budget never counts less than was used.
      if (inserted || deadLettered) {
        const applied = applicableBudgets(cfg, attr, ev.occurredAt);
        const amounts = await d.ledger.amounts(cfg, applied, { usdMicros: listUsd, tokens: totalTokens(usage), messages: ev.kind === "LLM" ? 1 : 0 });
        await d.ledger.settle(cfg, applied, null, amounts, [], Date.now(), ev.eventId);
      }
      return { id, inserted };
    }),
  );
  const accepted = results.filter((r) => r.inserted).length;
  return { accepted, duplicates: results.length - accepted };
}

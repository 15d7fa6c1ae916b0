import { applicableBudgets } from "./budgets";
import type { Deps } from "./deps";
import { localDay } from "./periods";
import { priceUnits, priceUsage } from "./pricing";
import type { ReportedUsageEvent, ReportUsageResult } from "./types";
import { totalTokens } from "./types";

/**
 * Usage the gateway did not proxy (speech, images, embeddings, calls spooled while the control
 * plane was unreachable). Idempotent by eventId; only newly stored events count against budgets.
 */
export async function reportUsage(d: Deps, tenantId: string, instanceId: string, events: ReportedUsageEvent[]): Promise<ReportUsageResult> {
  const cfg = await d.configs.get(tenantId);
  await d.prices.ready();
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
      const { id, inserted } = await d.writer.write({
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
      if (inserted) {
        const applied = applicableBudgets(cfg, attr, ev.occurredAt);
        const amounts = await d.ledger.amounts(cfg, applied, { usdMicros: listUsd, tokens: totalTokens(usage), messages: ev.kind === "LLM" ? 1 : 0 });
        await d.ledger.settle(cfg, applied, null, amounts);
      }
      return { id, inserted };
    }),
  );
  const accepted = results.filter((r) => r.inserted).length;
  return { accepted, duplicates: results.length - accepted };
}

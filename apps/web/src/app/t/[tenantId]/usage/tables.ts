import type { RouterOutputs } from "@baas/api";
import type { ScreenTable } from "./export";
import { cashTenantMicros, major } from "./format";

type Summary = RouterOutputs["analytics"]["summary"];
type Daily = RouterOutputs["analytics"]["daily"];
type Perf = RouterOutputs["analytics"]["performance"];
type Row = Summary["byChannel"][number];

/** The "usage.tables" translator: titles and columns are in the reader's language, on screen and in exports. */
export type Tr = (key: string, values?: Record<string, string | number>) => string;

/**
 * Tables carry the tenant-currency columns people read and, after them, the USD columns the
 * export keeps (the screen hides columns formatted "usd": one currency per page).
 */
export function totalsTable(s: Summary, tr: Tr, usdRate: number | null): ScreenTable {
  const t = s.totals;
  const c = s.tenant.currency;
  return {
    id: "totals", title: tr("totals"), columns: [tr("figure"), tr("value")],
    rows: [
      [tr("listTenant", { currency: c }), major(t.costTenantMicros)],
      [tr("cashTenant", { currency: c }), major(cashTenantMicros(t.costListUsdMicros, t.costTenantMicros, t.costCashUsdMicros, usdRate))],
      [tr("listUsd"), major(t.costListUsdMicros)], [tr("cashUsd"), major(t.costCashUsdMicros)],
      [tr("calls"), t.calls], [tr("messages"), t.messages], [tr("inputTokens"), t.tokens.input], [tr("outputTokens"), t.tokens.output],
      [tr("cacheReadTokens"), t.tokens.cacheRead], [tr("cacheWriteTokens"), t.tokens.cacheWrite],
    ],
  };
}

export function breakdownTable(id: string, title: string, first: string, rows: Row[], currency: string, tr: Tr, usdRate: number | null, withTokens = true): ScreenTable {
  return {
    id, title,
    columns: [first, tr("listTenant", { currency }), tr("cashTenant", { currency }), tr("calls"), ...(withTokens ? [tr("tokens")] : []), tr("listUsd"), tr("cashUsd")],
    rows: rows.map((r) => [
      r.label, major(r.costTenantMicros), major(cashTenantMicros(r.costUsdMicros, r.costTenantMicros, r.cashUsdMicros, usdRate)), r.calls, ...(withTokens ? [r.tokens] : []),
      major(r.costUsdMicros), major(r.cashUsdMicros),
    ]),
  };
}

export function dailyTable(d: Daily, tr: Tr, stackLabel: string): ScreenTable {
  return {
    id: "daily", title: tr("daily", { stack: stackLabel, currency: d.currency }),
    columns: [tr("day"), ...d.series.map((s) => s.label), tr("projected")],
    rows: d.points.map((p) => [p.day, ...d.series.map((s) => (p.projected === null ? major(p.values[s.key] ?? 0) : null)), p.projected === null ? null : major(p.projected)]),
  };
}

export function latencyTable(p: Perf, tr: Tr): ScreenTable {
  return {
    id: "latency", title: tr("latency"),
    columns: [tr("model"), "p50", "p95", "p99", tr("ttft", { p: "p50" }), tr("ttft", { p: "p95" }), tr("ttft", { p: "p99" }), tr("calls")],
    rows: p.latency.map((l) => [l.model, l.latency.p50, l.latency.p95, l.latency.p99, l.ttft.p50, l.ttft.p95, l.ttft.p99, l.latency.count]),
  };
}

export function cacheTable(p: Perf, tr: Tr, currency: string, usdRate: number | null): ScreenTable {
  const rate = currency === "USD" ? 1 : usdRate;
  return {
    id: "cache", title: tr("cache"),
    columns: [tr("model"), tr("calls"), tr("cacheHits"), tr("hitRate"), tr("promptShare"), ...(rate !== null ? [tr("listTenant", { currency })] : []), tr("savedUsd")],
    rows: p.cache.map((c) => [c.model, c.calls, c.cacheHits, Math.round(c.hitRate * 1000) / 10, Math.round(c.promptCacheShare * 1000) / 10, ...(rate !== null ? [major(c.savedUsdMicros * rate)] : []), major(c.savedUsdMicros)]),
  };
}

export function fallbackTable(p: Perf, tr: Tr): ScreenTable {
  return {
    id: "fallbacks", title: tr("fallbacks"),
    columns: [tr("day"), tr("calls"), tr("errors"), ...p.fallbacks.accounts.map((a) => tr("fellBack", { account: a.label }))],
    rows: p.fallbacks.points.map((d) => [d.day, d.calls, d.errors, ...p.fallbacks.accounts.map((a) => d.byAccount[a.key] ?? 0)]),
  };
}

import type { RouterOutputs } from "@baas/api";
import type { ScreenTable } from "./export";
import { major } from "./format";

type Summary = RouterOutputs["analytics"]["summary"];
type Daily = RouterOutputs["analytics"]["daily"];
type Perf = RouterOutputs["analytics"]["performance"];
type Row = Summary["byChannel"][number];

export function totalsTable(s: Summary): ScreenTable {
  const t = s.totals;
  const c = s.tenant.currency;
  return {
    id: "totals", title: "Totals", columns: ["Figure", "Value"],
    rows: [
      [`Cost (${c})`, major(t.costTenantMicros)], ["List cost (USD)", major(t.costListUsdMicros)], ["Cash cost (USD)", major(t.costCashUsdMicros)],
      ["Calls", t.calls], ["Messages", t.messages], ["Input tokens", t.tokens.input], ["Output tokens", t.tokens.output],
      ["Cache read tokens", t.tokens.cacheRead], ["Cache write tokens", t.tokens.cacheWrite],
    ],
  };
}

export function breakdownTable(id: string, title: string, first: string, rows: Row[], currency: string, withTokens = true): ScreenTable {
  return {
    id, title,
    columns: [first, `Cost (${currency})`, "List (USD)", "Cash (USD)", "Calls", ...(withTokens ? ["Tokens"] : [])],
    rows: rows.map((r) => [r.label, major(r.costTenantMicros), major(r.costUsdMicros), major(r.cashUsdMicros), r.calls, ...(withTokens ? [r.tokens] : [])]),
  };
}

export function dailyTable(d: Daily): ScreenTable {
  return {
    id: "daily", title: `Daily cost by ${d.stackBy} (${d.currency})`,
    columns: ["Day", ...d.series.map((s) => s.label), "Projected"],
    rows: d.points.map((p) => [p.day, ...d.series.map((s) => (p.projected === null ? major(p.values[s.key] ?? 0) : null)), p.projected === null ? null : major(p.projected)]),
  };
}

export function latencyTable(p: Perf): ScreenTable {
  return {
    id: "latency", title: "Latency and time to first token per model (ms)",
    columns: ["Model", "p50", "p95", "p99", "TTFT p50", "TTFT p95", "TTFT p99", "Calls"],
    rows: p.latency.map((l) => [l.model, l.latency.p50, l.latency.p95, l.latency.p99, l.ttft.p50, l.ttft.p95, l.ttft.p99, l.latency.count]),
  };
}

export function cacheTable(p: Perf): ScreenTable {
  return {
    id: "cache", title: "Caching per model",
    columns: ["Model", "Calls", "Response-cache hits", "Hit rate %", "Prompt tokens from cache %", "Saved (USD)"],
    rows: p.cache.map((c) => [c.model, c.calls, c.cacheHits, Math.round(c.hitRate * 1000) / 10, Math.round(c.promptCacheShare * 1000) / 10, major(c.savedUsdMicros)]),
  };
}

export function fallbackTable(p: Perf): ScreenTable {
  return {
    id: "fallbacks", title: "Fallbacks and errors per day",
    columns: ["Day", "Calls", "Errors", ...p.fallbacks.accounts.map((a) => `Fell back to ${a.label}`)],
    rows: p.fallbacks.points.map((d) => [d.day, d.calls, d.errors, ...p.fallbacks.accounts.map((a) => d.byAccount[a.key] ?? 0)]),
  };
}

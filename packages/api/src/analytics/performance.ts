import type { DbLike } from "../lib-app/db-like";
import { dayFilter, type DayWindow } from "./range";
import type { Names } from "./names";

/** Bucket b of UsageLatencyDaily holds values up to 1.05^b ms (the migration's baas_latency_bucket). */
const bucketMs = (b: number) => Math.round(1.05 ** b);

export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  count: number;
}

/** Percentiles from a histogram: the upper bound of the bucket holding each rank (at most 5 % high). */
export function percentiles(hist: { bucket: number; count: number }[]): Percentiles {
  const sorted = hist.filter((h) => h.count > 0).sort((a, b) => a.bucket - b.bucket);
  const count = sorted.reduce((s, h) => s + h.count, 0);
  const at = (q: number) => {
    if (!count) return null;
    const rank = Math.ceil(q * count);
    let seen = 0;
    for (const h of sorted) if ((seen += h.count) >= rank) return bucketMs(h.bucket);
    return null;
  };
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), count };
}

async function latencyByModel(db: DbLike, where: object) {
  const hist = await db.usageLatencyDaily.groupBy({ by: ["model", "bucket"], where, _sum: { latencyCalls: true, ttftCalls: true } });
  const models = [...new Set(hist.map((h) => h.model))].sort();
  return models.map((model) => {
    const mine = hist.filter((h) => h.model === model);
    return {
      model,
      latency: percentiles(mine.map((h) => ({ bucket: h.bucket, count: h._sum.latencyCalls ?? 0 }))),
      ttft: percentiles(mine.map((h) => ({ bucket: h.bucket, count: h._sum.ttftCalls ?? 0 }))),
    };
  });
}

/** Current list prices per model (USD per million tokens), to price what the caches saved. */
async function pricesOf(db: DbLike, models: string[], now: Date) {
  const rows = await db.modelPrice.findMany({ where: { model: { in: models }, effectiveFrom: { lte: now } }, orderBy: { effectiveFrom: "desc" } });
  const out = new Map<string, { input: number; output: number; cacheRead: number }>();
  for (const r of rows) if (!out.has(r.model)) out.set(r.model, { input: Number(r.inputPerMTok), output: Number(r.outputPerMTok), cacheRead: Number(r.cacheReadPerMTok) });
  return out;
}

/**
 * Cache effect per model: response-cache hit rate and prompt-cache read share, and the money
 * saved (a hit would have cost its tokens at list price; a cached prompt token costs the
 * cache-read price instead of the input price). USD micros.
 */
async function cacheByModel(db: DbLike, where: object, now: Date) {
  const g = await db.usageDailyRoute.groupBy({ by: ["model"], where, _sum: { calls: true, cacheHits: true, hitInputTokens: true, hitOutputTokens: true, inputTokens: true, cacheReadTokens: true } });
  const prices = await pricesOf(db, g.map((r) => r.model), now);
  return g
    .map((r) => {
      const s = r._sum;
      const p = prices.get(r.model);
      const [calls, hits, input, read] = [s.calls ?? 0, s.cacheHits ?? 0, Number(s.inputTokens ?? 0), Number(s.cacheReadTokens ?? 0)];
      const saved = p ? Number(s.hitInputTokens ?? 0) * p.input + Number(s.hitOutputTokens ?? 0) * p.output + read * (p.input - p.cacheRead) : 0;
      return { model: r.model, calls, cacheHits: hits, hitRate: calls ? hits / calls : 0, promptCacheShare: input + read ? read / (input + read) : 0, savedUsdMicros: Math.round(saved) };
    })
    .sort((a, b) => b.savedUsdMicros - a.savedUsdMicros || a.model.localeCompare(b.model));
}

/** Per day and serving account: calls that fell back to it and errors (which account served, how often). */
async function fallbacksOverTime(db: DbLike, where: object, w: DayWindow, names: Names) {
  const g = await db.usageDailyRoute.groupBy({ by: ["day", "accountKey"], where, _sum: { calls: true, fallbacks: true, errors: true } });
  const accounts = [...new Set(g.filter((r) => (r._sum.fallbacks ?? 0) > 0).map((r) => r.accountKey))].sort();
  const points = w.days.map((day) => {
    const mine = g.filter((r) => r.day.toISOString().slice(0, 10) === day);
    return {
      day,
      calls: mine.reduce((s, r) => s + (r._sum.calls ?? 0), 0),
      errors: mine.reduce((s, r) => s + (r._sum.errors ?? 0), 0),
      byAccount: Object.fromEntries(accounts.map((a) => [a, mine.filter((r) => r.accountKey === a).reduce((s, r) => s + (r._sum.fallbacks ?? 0), 0)])),
    };
  });
  return { accounts: accounts.map((key) => ({ key, label: names.account(key) })), points };
}

/** Latency and time to first token per model, caches and fallbacks over the window. */
export async function usagePerformance(db: DbLike, tenantId: string, w: DayWindow, names: Names, now: Date) {
  const where = { tenantId, day: dayFilter(w) };
  const [latency, cache, fallbacks] = await Promise.all([latencyByModel(db, where), cacheByModel(db, where, now), fallbacksOverTime(db, where, w, names)]);
  return { latency, cache, fallbacks };
}

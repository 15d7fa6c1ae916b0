import type { Db } from "@baas/db";

export interface FxOptions {
  /** Fetches the USD → quote rate from the configured source (e.g. an ECB/BCB JSON endpoint). */
  fetchRate?: (quote: string) => Promise<number>;
  /** Used when the source fails and no rate is stored yet. */
  fallbackRates?: Record<string, number>;
  sourceName?: string;
}

const DEFAULT_FALLBACK: Record<string, number> = { USD: 1, BRL: 5.4, EUR: 0.92, GBP: 0.79 };
const DAY_MS = 86_400_000;

/**
 * USD → tenant currency, one rate per day: memory first, then the FxRate table, then the source,
 * then the fallback. A failing source never fails a model call.
 */
export class FxRates {
  private cache = new Map<string, { rate: number; at: number }>();
  private pending = new Map<string, Promise<number>>();

  constructor(
    private readonly db: Db,
    private readonly opts: FxOptions,
    private readonly now: () => number,
  ) {}

  /** Synchronous when cached (the hot path); otherwise loads it. */
  async rate(quote: string): Promise<number> {
    const q = quote.toUpperCase();
    if (q === "USD") return 1;
    const hit = this.cache.get(q);
    if (hit && this.now() - hit.at < DAY_MS) return hit.rate;
    let p = this.pending.get(q);
    if (!p) {
      p = this.load(q).finally(() => this.pending.delete(q));
      this.pending.set(q, p);
    }
    return p;
  }

  private async load(quote: string): Promise<number> {
    const day = new Date(new Date(this.now()).toISOString().slice(0, 10));
    const stored = await this.db.fxRate.findUnique({ where: { base_quote_day: { base: "USD", quote, day } } }).catch(() => null);
    let rate = stored ? Number(stored.rate) : NaN;
    if (!Number.isFinite(rate) && this.opts.fetchRate) {
      rate = await this.opts.fetchRate(quote).catch(() => NaN);
      if (Number.isFinite(rate) && rate > 0) {
        await this.db.fxRate
          .create({ data: { base: "USD", quote, day, rate, source: this.opts.sourceName ?? "configured" } })
          .catch(() => undefined);
      }
    }
    if (!Number.isFinite(rate) || rate <= 0) rate = this.opts.fallbackRates?.[quote] ?? DEFAULT_FALLBACK[quote] ?? 1;
    this.cache.set(quote, { rate, at: this.now() });
    return rate;
  }
}

/** Fetches a JSON document and reads `rates[quote]` (the common exchangerate-API shape). */
export function urlFxSource(url: string): (quote: string) => Promise<number> {
  return async (quote) => {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    const body = (await res.json()) as { rates?: Record<string, number> };
    const rate = body.rates?.[quote];
    if (typeof rate !== "number") throw new Error(`no ${quote} rate at the FX source`);
    return rate;
  };
}

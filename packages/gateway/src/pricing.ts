import type { Db } from "@baas/db";
import type { Provider, TokenUsage } from "./types";

/** One price row in numbers: USD per million tokens equals micro-USD per token. */
export interface Price {
  provider: Provider;
  model: string;
  family: string | null;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** Non-token prices (USD): per audio minute, per million speech characters, per image. */
  audioPerMinute: number;
  ttsPerMChars: number;
  imagePerUnit: number;
  effectiveFrom: number;
}

export interface Cost {
  listUsdMicros: number;
  cashUsdMicros: number;
}

const FAMILY_LADDER = ["opus", "sonnet", "haiku"];

export function priceUsage(p: Price, u: TokenUsage): number {
  return Math.ceil(
    u.inputTokens * p.input + u.outputTokens * p.output + u.cacheReadTokens * p.cacheRead + u.cacheWriteTokens * p.cacheWrite,
  );
}

/** STT seconds, TTS characters and images, in USD micros. */
export function priceUnits(p: Price, kind: string, units: number): number {
  if (kind === "STT") return Math.ceil((units / 60) * p.audioPerMinute * 1e6);
  if (kind === "TTS") return Math.ceil(units * p.ttsPerMChars);
  if (kind === "IMAGE") return Math.ceil(units * p.imagePerUnit * 1e6);
  return 0;
}

/** Worst case before the call: every input token priced as the dearer of input and cache write. */
export function worstCase(p: Price, inputEstimate: number, maxTokens: number): number {
  return Math.ceil(inputEstimate * Math.max(p.input, p.cacheWrite) + maxTokens * p.output);
}

/**
 * The model price table, read once and refreshed in the background: pricing happens on every
 * call and must not cost a database round trip. Dated model ids ("claude-sonnet-4-5-20250929")
 * match their undated row by prefix.
 */
export class PriceBook {
  private rows: Price[] = [];
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  async ready(): Promise<void> {
    if (this.now() - this.loadedAt < this.ttlMs && this.rows.length > 0) return;
    if (this.rows.length > 0 && this.now() - this.loadedAt < this.ttlMs * 10) {
      void this.reload();
      return;
    }
    await this.reload();
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const at = new Date(this.now());
        const rows = await this.db.modelPrice.findMany({
          where: { enabled: true, effectiveFrom: { lte: at }, OR: [{ effectiveTo: null }, { effectiveTo: { gt: at } }] },
          orderBy: { effectiveFrom: "desc" },
        });
        this.rows = rows.map((r) => ({
          provider: r.provider === "OPENAI" ? "openai" : "anthropic",
          model: r.model,
          family: r.family,
          input: Number(r.inputPerMTok),
          output: Number(r.outputPerMTok),
          cacheRead: Number(r.cacheReadPerMTok),
          cacheWrite: Number(r.cacheWritePerMTok),
          audioPerMinute: Number(r.audioPerMinute ?? 0),
          ttsPerMChars: Number(r.ttsPerMChars ?? 0),
          imagePerUnit: Number(r.imagePerUnit ?? 0),
          effectiveFrom: r.effectiveFrom.getTime(),
        }));
        this.loadedAt = this.now();
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /** Whether the price list has this model (exactly or as a dated/suffixed variant of a row). */
  knows(provider: Provider, model: string): boolean {
    return this.rows.some((r) => r.provider === provider && (r.model === model || model.startsWith(r.model)));
  }

  /** The row for a model; unknown models get the provider's dearest price so budgets stay safe. */
  find(provider: Provider, model: string): Price {
    const own = this.rows.filter((r) => r.provider === provider);
    const exact = own.find((r) => r.model === model);
    if (exact) return exact;
    const prefix = own.filter((r) => model.startsWith(r.model)).sort((a, b) => b.model.length - a.model.length)[0];
    if (prefix) return prefix;
    const dearest = [...own].sort((a, b) => b.output - a.output)[0];
    return dearest
      ? { ...dearest, model }
      : { provider, model, family: null, input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75, audioPerMinute: 0, ttsPerMChars: 0, imagePerUnit: 0, effectiveFrom: 0 };
  }

  /**
   * The next cheaper family's model (opus → sonnet → haiku), or null at the bottom. Candidates
   * share the model's naming prefix ("claude-") and must really be cheaper; the cheapest wins.
   */
  downgrade(provider: Provider, model: string): string | null {
    const current = this.find(provider, model);
    const family = current.family ?? FAMILY_LADDER.find((f) => model.includes(f)) ?? null;
    const i = family ? FAMILY_LADDER.indexOf(family) : -1;
    if (i < 0 || !family) return null;
    const at = model.indexOf(family);
    const prefix = at > 0 ? model.slice(0, at) : "";
    for (const next of FAMILY_LADDER.slice(i + 1)) {
      const rows = this.rows
        .filter((r) => r.provider === provider && r.family === next && r.model.startsWith(prefix) && r.output < current.output)
        .sort((a, b) => a.output - b.output || b.effectiveFrom - a.effectiveFrom);
      if (rows[0]) return rows[0].model;
    }
    return null;
  }
}

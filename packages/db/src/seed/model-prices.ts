/**
 * List prices, USD per million tokens (audio per minute, speech per million characters, images
 * per unit), as published by Anthropic and OpenAI. Anthropic cache writes are the 5-minute TTL
 * price (1.25 × input), cache reads 0.1 × input. OpenAI bills cached input at its own rate and
 * has no cache-write surcharge, so cache writes cost plain input.
 *
 * `family` drives the downgrade ladder: opus → sonnet → haiku for Claude; gpt → gpt-mini →
 * gpt-nano for OpenAI chat models. Upserted by (provider, model, effectiveFrom).
 */
import type { Db } from "../client";
import type { UpstreamProvider } from "../generated/prisma/enums";
import { seedId } from "./ids";

export interface ModelPriceSeed {
  provider: UpstreamProvider;
  model: string;
  displayName: string;
  family: string;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  audioPerMinute?: number;
  ttsPerMChars?: number;
  imagePerUnit?: number;
  contextWindow?: number;
  maxOutputTokens?: number;
}

/** Date the seeded price rows take effect; newer rows with a later date supersede them. */
export const PRICES_EFFECTIVE_FROM = new Date("2025-01-01T00:00:00.000Z");

const claude = (model: string, displayName: string, family: string, input: number, output: number, maxOutputTokens: number): ModelPriceSeed => ({
  provider: "ANTHROPIC", model, displayName, family, input, output,
  cacheRead: round6(input * 0.1), cacheWrite: round6(input * 1.25),
  contextWindow: 200_000, maxOutputTokens,
});

const gpt = (model: string, displayName: string, family: string, input: number, output: number, cachedInput: number, contextWindow: number, maxOutputTokens: number): ModelPriceSeed => ({
  provider: "OPENAI", model, displayName, family, input, output, cacheRead: cachedInput, cacheWrite: input, contextWindow, maxOutputTokens,
});

const openAiUnit = (model: string, displayName: string, family: string, unit: Partial<ModelPriceSeed>, input = 0): ModelPriceSeed => ({
  provider: "OPENAI", model, displayName, family, input, output: 0, cacheRead: 0, cacheWrite: 0, ...unit,
});

export const MODEL_PRICES: readonly ModelPriceSeed[] = [
  claude("claude-opus-4-5", "Claude Opus 4.5", "opus", 5, 25, 64_000),
  claude("claude-opus-4-1", "Claude Opus 4.1", "opus", 15, 75, 32_000),
  claude("claude-opus-4", "Claude Opus 4", "opus", 15, 75, 32_000),
  claude("claude-sonnet-4-5", "Claude Sonnet 4.5", "sonnet", 3, 15, 64_000),
  claude("claude-sonnet-4", "Claude Sonnet 4", "sonnet", 3, 15, 64_000),
  claude("claude-haiku-4-5", "Claude Haiku 4.5", "haiku", 1, 5, 64_000),
  claude("claude-3-5-haiku", "Claude Haiku 3.5", "haiku", 0.8, 4, 8_192),
  gpt("gpt-5", "GPT-5", "gpt", 1.25, 10, 0.125, 400_000, 128_000),
  gpt("gpt-5-mini", "GPT-5 mini", "gpt-mini", 0.25, 2, 0.025, 400_000, 128_000),
  gpt("gpt-5-nano", "GPT-5 nano", "gpt-nano", 0.05, 0.4, 0.005, 400_000, 128_000),
  gpt("gpt-4.1", "GPT-4.1", "gpt", 2, 8, 0.5, 1_047_576, 32_768),
  gpt("gpt-4.1-mini", "GPT-4.1 mini", "gpt-mini", 0.4, 1.6, 0.1, 1_047_576, 32_768),
  gpt("gpt-4.1-nano", "GPT-4.1 nano", "gpt-nano", 0.1, 0.4, 0.025, 1_047_576, 32_768),
  gpt("gpt-4o", "GPT-4o", "gpt", 2.5, 10, 1.25, 128_000, 16_384),
  gpt("gpt-4o-mini", "GPT-4o mini", "gpt-mini", 0.15, 0.6, 0.075, 128_000, 16_384),
  openAiUnit("whisper-1", "Whisper", "whisper", { audioPerMinute: 0.006 }),
  openAiUnit("gpt-4o-transcribe", "GPT-4o Transcribe", "whisper", { audioPerMinute: 0.006 }),
  openAiUnit("gpt-4o-mini-transcribe", "GPT-4o mini Transcribe", "whisper", { audioPerMinute: 0.003 }),
  openAiUnit("tts-1", "TTS", "tts", { ttsPerMChars: 15 }),
  openAiUnit("tts-1-hd", "TTS HD", "tts", { ttsPerMChars: 30 }),
  openAiUnit("dall-e-3", "DALL·E 3 (1024×1024)", "image", { imagePerUnit: 0.04 }),
  openAiUnit("gpt-image-1", "GPT Image 1 (1024×1024, medium)", "image", { imagePerUnit: 0.042 }),
  openAiUnit("text-embedding-3-small", "Embedding 3 small", "embedding", {}, 0.02),
  openAiUnit("text-embedding-3-large", "Embedding 3 large", "embedding", {}, 0.13),
];

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

const dec = (n: number | undefined) => (n === undefined ? null : n.toFixed(6));

export function findModelPrice(model: string): ModelPriceSeed | undefined {
  return MODEL_PRICES.find((p) => p.model === model);
}

/** Upserts every price row; returns how many rows the catalogue holds. */
export async function seedModelPrices(db: Db, effectiveFrom = PRICES_EFFECTIVE_FROM): Promise<number> {
  for (const p of MODEL_PRICES) {
    const data = {
      displayName: p.displayName,
      family: p.family,
      inputPerMTok: p.input.toFixed(6),
      outputPerMTok: p.output.toFixed(6),
      cacheReadPerMTok: p.cacheRead.toFixed(6),
      cacheWritePerMTok: p.cacheWrite.toFixed(6),
      audioPerMinute: dec(p.audioPerMinute),
      ttsPerMChars: dec(p.ttsPerMChars),
      imagePerUnit: dec(p.imagePerUnit),
      contextWindow: p.contextWindow ?? null,
      maxOutputTokens: p.maxOutputTokens ?? null,
    };
    await db.modelPrice.upsert({
      where: { provider_model_effectiveFrom: { provider: p.provider, model: p.model, effectiveFrom } },
      create: { id: seedId("price", p.provider, p.model, effectiveFrom.toISOString()), provider: p.provider, model: p.model, effectiveFrom, ...data },
      update: data,
    });
  }
  return MODEL_PRICES.length;
}

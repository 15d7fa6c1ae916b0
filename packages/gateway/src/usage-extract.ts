import type { Provider, TokenUsage } from "./types";

type Rec = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const rec = (v: unknown): Rec => (v && typeof v === "object" ? (v as Rec) : {});

export const emptyUsage = (): TokenUsage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });

function fromAnthropic(u: Rec): TokenUsage {
  return {
    inputTokens: num(u.input_tokens),
    outputTokens: num(u.output_tokens),
    cacheReadTokens: num(u.cache_read_input_tokens),
    cacheWriteTokens: num(u.cache_creation_input_tokens),
  };
}

/** OpenAI counts cached prompt tokens inside prompt_tokens; we price them apart. */
function fromOpenAi(u: Rec): TokenUsage {
  const cached = num(rec(u.prompt_tokens_details).cached_tokens);
  return { inputTokens: num(u.prompt_tokens) - cached, outputTokens: num(u.completion_tokens), cacheReadTokens: cached, cacheWriteTokens: 0 };
}

export function usageOfResponse(provider: Provider, data: unknown): TokenUsage {
  const u = rec(rec(data).usage);
  return provider === "anthropic" ? fromAnthropic(u) : fromOpenAi(u);
}

/** Folds stream events into the call's usage as they pass. */
export class StreamUsage {
  usage = emptyUsage();
  error: unknown = null;
  constructor(private readonly provider: Provider) {}

  see(ev: unknown): void {
    const e = rec(ev);
    if (this.provider === "anthropic") {
      if (e.type === "message_start") this.usage = fromAnthropic(rec(rec(e.message).usage));
      else if (e.type === "message_delta") {
        const u = rec(e.usage);
        // message_delta carries cumulative counts; input fields appear only on some API versions.
        if (u.output_tokens !== undefined) this.usage.outputTokens = num(u.output_tokens);
        if (u.input_tokens !== undefined) this.usage.inputTokens = num(u.input_tokens);
        if (u.cache_read_input_tokens !== undefined) this.usage.cacheReadTokens = num(u.cache_read_input_tokens);
        if (u.cache_creation_input_tokens !== undefined) this.usage.cacheWriteTokens = num(u.cache_creation_input_tokens);
      } else if (e.type === "error") this.error = e.error ?? e;
      return;
    }
    if (e.usage && typeof e.usage === "object") this.usage = fromOpenAi(rec(e.usage));
    if (e.error) this.error = e.error;
  }
}

/**
 * Input size that is never under the real count: every token is at least one byte of what the
 * model reads, so the UTF-8 size of the prompt (as JSON, which only adds bytes) bounds it — for
 * any language, emoji included. Images and documents cost far fewer tokens than their base64.
 */
export function estimateInputTokens(body: Record<string, unknown>): number {
  let bytes = 0;
  for (const k of ["system", "messages", "tools", "input", "instructions"]) {
    const v = body[k];
    if (typeof v === "string") bytes += Buffer.byteLength(v, "utf8");
    else if (v !== undefined) bytes += Buffer.byteLength(JSON.stringify(v), "utf8");
  }
  return bytes;
}

/**
 * The most output a model can write in one answer, for calls that do not set max_tokens (OpenAI
 * lets them omit it; the upstream then writes up to this). Longest prefix wins.
 */
const MAX_OUTPUT: [string, number][] = [
  ["claude-opus-4", 32_000],
  ["claude-sonnet-4", 64_000],
  ["claude-haiku-4", 64_000],
  ["claude-3-5", 8_192],
  ["claude-3", 4_096],
  ["claude", 64_000],
  ["gpt-4o", 16_384],
  ["gpt-4.1", 32_768],
  ["gpt-4", 8_192],
  ["gpt-3.5", 4_096],
  ["gpt-5", 128_000],
  ["o1", 100_000],
  ["o3", 100_000],
  ["o4", 100_000],
];

export function modelMaxOutput(model: string): number {
  let best: [string, number] | null = null;
  for (const e of MAX_OUTPUT) if (model.startsWith(e[0]) && (!best || e[0].length > best[0].length)) best = e;
  return best?.[1] ?? 128_000;
}

/** The output the call may produce: its own max_tokens, else all the model can write. */
export function maxTokensOf(provider: Provider, body: Record<string, unknown>, model = String(body.model ?? "")): number {
  const asked = provider === "anthropic" ? num(body.max_tokens) : num(body.max_completion_tokens) || num(body.max_tokens);
  return asked > 0 ? Math.ceil(asked) : modelMaxOutput(model);
}

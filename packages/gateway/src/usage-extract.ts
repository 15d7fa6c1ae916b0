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

/** Worst-case input size: about one token per 3 characters of what the model will read. */
export function estimateInputTokens(body: Record<string, unknown>): number {
  let chars = 0;
  for (const k of ["system", "messages", "tools"]) {
    const v = body[k];
    if (typeof v === "string") chars += v.length;
    else if (v !== undefined) chars += JSON.stringify(v).length;
  }
  return Math.ceil(chars / 3);
}

export function maxTokensOf(provider: Provider, body: Record<string, unknown>): number {
  if (provider === "anthropic") return num(body.max_tokens) || 4096;
  return num(body.max_completion_tokens) || num(body.max_tokens) || 4096;
}

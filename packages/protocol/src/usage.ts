/**
 * Token usage as the providers report it, for the gateway (what it charges) and the plugin
 * (what it spools when the control plane is gone): one reading of Anthropic's and OpenAI's
 * fields, streaming and not, cache tokens included.
 */
import type { Provider } from "./provider";

/** Token counts of one call. OpenAI's cached prompt tokens are counted apart from input. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** What a stream showed so far: counts, the serving model, and an upstream error event. */
export interface StreamedUsage extends TokenUsage {
  model: string | null;
  /** Characters of text, thinking and tool input streamed so far: a cut stream's output estimate. */
  streamedChars: number;
  /** The `error` of an error event in the stream (Anthropic `event: error`, OpenAI `{error}`). */
  error: unknown;
}

type Rec = Record<string, unknown>;
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const rec = (v: unknown): Rec => (v && typeof v === "object" ? (v as Rec) : {});

export const emptyUsage = (): TokenUsage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });

/** Anthropic usage fields onto `u`; a field the object leaves out keeps its value (message_delta is partial). */
function applyAnthropic(u: TokenUsage, x: Rec): void {
  u.inputTokens = num(x.input_tokens) ?? u.inputTokens;
  u.outputTokens = num(x.output_tokens) ?? u.outputTokens;
  u.cacheReadTokens = num(x.cache_read_input_tokens) ?? u.cacheReadTokens;
  u.cacheWriteTokens = num(x.cache_creation_input_tokens) ?? u.cacheWriteTokens;
}

/** OpenAI counts cached prompt tokens inside prompt_tokens; we price them apart. */
function applyOpenAi(u: TokenUsage, x: Rec): void {
  const cached = num(rec(x.prompt_tokens_details).cached_tokens) ?? 0;
  u.inputTokens = Math.max(0, (num(x.prompt_tokens) ?? 0) - cached);
  u.outputTokens = num(x.completion_tokens) ?? 0;
  u.cacheReadTokens = cached;
  u.cacheWriteTokens = 0;
}

/** The usage of a complete (non-streaming) answer. */
export function usageOfResponse(provider: Provider, data: unknown): TokenUsage {
  const u = emptyUsage();
  const x = rec(rec(data).usage);
  if (provider === "anthropic") applyAnthropic(u, x);
  else applyOpenAi(u, x);
  return u;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

function seeAnthropic(u: StreamedUsage, e: Rec): void {
  if (e.type === "message_start") {
    const msg = rec(e.message);
    u.model = str(msg.model) ?? u.model;
    applyAnthropic(u, rec(msg.usage));
  } else if (e.type === "message_delta") {
    // Cumulative counts; input and cache fields appear only on some API versions.
    applyAnthropic(u, rec(e.usage));
  } else if (e.type === "content_block_delta") {
    const d = rec(e.delta);
    for (const v of [d.text, d.thinking, d.partial_json]) if (typeof v === "string") u.streamedChars += v.length;
  } else if (e.type === "error") u.error = e.error ?? e;
}

function seeOpenAi(u: StreamedUsage, e: Rec): void {
  u.model = str(e.model) ?? u.model;
  if (e.usage && typeof e.usage === "object") applyOpenAi(u, e.usage as Rec);
  if (e.error) u.error = e.error;
  if (!Array.isArray(e.choices)) return;
  for (const c of e.choices as Rec[]) {
    const d = rec(c?.delta);
    if (typeof d.content === "string") u.streamedChars += d.content.length;
    if (typeof d.reasoning_content === "string") u.streamedChars += d.reasoning_content.length;
    if (!Array.isArray(d.tool_calls)) continue;
    for (const t of d.tool_calls as Rec[]) {
      const args = rec(t?.function).arguments;
      if (typeof args === "string") u.streamedChars += args.length;
    }
  }
}

export interface UsageCollector {
  readonly usage: StreamedUsage;
  /** One streamed event's JSON. */
  onEvent(e: Record<string, unknown>): void;
  /** A complete answer's JSON. */
  onMessage(m: Record<string, unknown>): void;
}

/** Folds a stream's events (or one complete answer) into the call's usage as they pass. */
export function usageCollector(provider: Provider): UsageCollector {
  const usage: StreamedUsage = { ...emptyUsage(), model: null, streamedChars: 0, error: null };
  const see = provider === "anthropic" ? seeAnthropic : seeOpenAi;
  return {
    usage,
    onEvent: (e) => see(usage, e),
    onMessage(m) {
      usage.model = str(m.model) ?? usage.model;
      Object.assign(usage, usageOfResponse(provider, m));
    },
  };
}

/**
 * Output tokens of a stream cut before its final usage: Anthropic sends the running count only at
 * the end, so what was streamed is estimated at four characters a token (never below a count the
 * provider did send).
 */
export function outputSoFar(u: StreamedUsage): number {
  return Math.max(u.outputTokens, Math.ceil(u.streamedChars / 4));
}

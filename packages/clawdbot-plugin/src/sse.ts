/** Anthropic Messages server-sent events: encoding, parsing and synthetic answers. */

export function sseFrame(event: { type: string }): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The event sequence of a complete assistant answer that no model produced: budget sentences,
 * outage sentences. The host stores it as a normal assistant turn with zero usage.
 */
export function syntheticEvents(text: string, model: string): Array<{ type: string } & Record<string, unknown>> {
  const usage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  return [
    {
      type: "message_start",
      message: { id: `msg_baas_${Date.now().toString(36)}`, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage },
    },
    { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
    { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } },
    { type: "content_block_stop", index: 0 },
    { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 0 } },
    { type: "message_stop" },
  ];
}

export function syntheticMessage(text: string, model: string): Record<string, unknown> {
  return {
    id: `msg_baas_${Date.now().toString(36)}`,
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

/** Incremental SSE parser: feed text chunks, get the JSON data of each complete event. */
export class SseParser {
  private buffer = "";

  push(chunk: string): Array<Record<string, unknown>> {
    this.buffer += chunk.replace(/\r\n/g, "\n");
    const out: Array<Record<string, unknown>> = [];
    let sep: number;
    while ((sep = this.buffer.indexOf("\n\n")) >= 0) {
      const block = this.buffer.slice(0, sep);
      this.buffer = this.buffer.slice(sep + 2);
      const data = block
        .split("\n")
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).trimStart())
        .join("\n");
      if (!data || data === "[DONE]") continue;
      try {
        const parsed: unknown = JSON.parse(data);
        if (parsed && typeof parsed === "object") out.push(parsed as Record<string, unknown>);
      } catch {
        // A malformed frame is skipped; the host's own parser sees the raw bytes anyway.
      }
    }
    return out;
  }
}

export interface TokenUsage {
  model: string | null;
  /** Characters of text, thinking and tool input streamed so far: a cut stream's output estimate. */
  streamedChars: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** Accumulates usage over an Anthropic stream (message_start, then cumulative message_delta). */
export function usageCollector() {
  const u: TokenUsage = { model: null, streamedChars: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  function apply(usage: Record<string, unknown> | undefined) {
    if (!usage) return;
    u.inputTokens = num(usage.input_tokens) ?? u.inputTokens;
    u.outputTokens = num(usage.output_tokens) ?? u.outputTokens;
    u.cacheReadTokens = num(usage.cache_read_input_tokens) ?? u.cacheReadTokens;
    u.cacheWriteTokens = num(usage.cache_creation_input_tokens) ?? u.cacheWriteTokens;
  }
  return {
    usage: u,
    onEvent(e: Record<string, unknown>) {
      if (e.type === "message_start") {
        const msg = e.message as { model?: string; usage?: Record<string, unknown> } | undefined;
        u.model = msg?.model ?? u.model;
        apply(msg?.usage);
      } else if (e.type === "message_delta") {
        apply(e.usage as Record<string, unknown> | undefined);
      } else if (e.type === "content_block_delta") {
        const d = e.delta as { text?: unknown; thinking?: unknown; partial_json?: unknown } | undefined;
        for (const v of [d?.text, d?.thinking, d?.partial_json]) if (typeof v === "string") u.streamedChars += v.length;
      }
    },
    /** Non-streaming answers carry the whole usage on the message. */
    onMessage(msg: Record<string, unknown>) {
      u.model = typeof msg.model === "string" ? msg.model : u.model;
      apply(msg.usage as Record<string, unknown> | undefined);
    },
  };
}

/**
 * Output tokens of a stream cut before its final usage: Anthropic sends the running count only at
 * the end, so what was streamed is estimated at four characters a token (never below a count the
 * provider did send).
 */
export function outputSoFar(u: TokenUsage): number {
  return Math.max(u.outputTokens, Math.ceil(u.streamedChars / 4));
}

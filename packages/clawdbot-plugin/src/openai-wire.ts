/**
 * OpenAI Chat Completions on the wire: `data:` frames ending in `data: [DONE]`, synthetic answers
 * (budget and outage sentences) and usage accounting, mirroring sse.ts for Anthropic.
 */
import type { TokenUsage } from "./sse";

export const OPENAI_DONE = "data: [DONE]\n\n";

export function openAiFrame(chunk: unknown): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

const zeroUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, prompt_tokens_details: { cached_tokens: 0 } };

/** The chunks of a complete answer no model produced; the host stores it as a normal turn. */
export function syntheticOpenAiChunks(text: string, model: string): Array<Record<string, unknown>> {
  const base = { id: `chatcmpl-baas-${Date.now().toString(36)}`, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model };
  return [
    { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: { content: text }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
    { ...base, choices: [], usage: zeroUsage },
  ];
}

export function syntheticOpenAiMessage(text: string, model: string): Record<string, unknown> {
  return {
    id: `chatcmpl-baas-${Date.now().toString(36)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
    usage: zeroUsage,
  };
}

/**
 * OpenAI counts cached prompt tokens inside prompt_tokens; like the gateway, the spool records
 * them apart (input = prompt - cached), so a replayed call is priced the same way.
 */
export function openAiUsageCollector() {
  const u: TokenUsage = { model: null, streamedChars: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  function apply(usage: unknown) {
    if (!usage || typeof usage !== "object") return;
    const x = usage as { prompt_tokens?: unknown; completion_tokens?: unknown; prompt_tokens_details?: { cached_tokens?: unknown } | null };
    const cached = num(x.prompt_tokens_details?.cached_tokens);
    u.inputTokens = Math.max(0, num(x.prompt_tokens) - cached);
    u.outputTokens = num(x.completion_tokens);
    u.cacheReadTokens = cached;
  }
  const see = (e: Record<string, unknown>) => {
    if (typeof e.model === "string") u.model = e.model;
    apply(e.usage);
    const choices = Array.isArray(e.choices) ? (e.choices as Array<{ delta?: { content?: unknown; tool_calls?: Array<{ function?: { arguments?: unknown } }> } }>) : [];
    for (const c of choices) {
      if (typeof c.delta?.content === "string") u.streamedChars += c.delta.content.length;
      for (const t of c.delta?.tool_calls ?? []) if (typeof t.function?.arguments === "string") u.streamedChars += t.function.arguments.length;
    }
  };
  return { usage: u, onEvent: see, onMessage: see };
}

/**
 * Synthetic OpenAI Chat Completions answers (budget and outage sentences), mirroring sse.ts for
 * Anthropic. Framing (`data:` frames, `data: [DONE]`) and usage are @baas/protocol's.
 */

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

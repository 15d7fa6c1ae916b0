/**
 * Synthetic Anthropic Messages answers (budget and outage sentences). Parsing, framing and usage
 * are @baas/protocol's, shared with the gateway.
 */

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

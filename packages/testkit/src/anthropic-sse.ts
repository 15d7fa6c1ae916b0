import type { AnthropicPlan } from "./anthropic-reply";
import { splitChunks } from "./reply-text";

export const sse = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

type Block = { start: Record<string, unknown>; deltas: Record<string, unknown>[] };

function blocksOf(p: AnthropicPlan): Block[] {
  const blocks: Block[] = [];
  if (p.thinking !== undefined) {
    const deltas: Record<string, unknown>[] = splitChunks(p.thinking, 2).map((thinking) => ({ type: "thinking_delta", thinking }));
    deltas.push({ type: "signature_delta", signature: "ZmFrZS1zaWduYXR1cmU=" });
    blocks.push({ start: { type: "thinking", thinking: "", signature: "" }, deltas });
  }
  if (p.text !== undefined) {
    const deltas = splitChunks(p.text, p.textDeltas).map((text) => ({ type: "text_delta", text }));
    blocks.push({ start: { type: "text", text: "" }, deltas });
  }
  if (p.tool) {
    const json = JSON.stringify(p.tool.input);
    const deltas = [{ type: "input_json_delta", partial_json: "" }, ...splitChunks(json, 3).map((partial_json) => ({ type: "input_json_delta", partial_json }))];
    blocks.push({ start: { type: "tool_use", id: p.tool.id, name: p.tool.name, input: {} }, deltas });
  }
  return blocks;
}

/**
 * The exact event sequence of Anthropic's streaming Messages API. message_delta repeats the
 * cumulative input and cache counters because some clients (Clawdbot's pi-ai) read them there.
 */
export function anthropicEvents(p: AnthropicPlan): string[] {
  const u = p.usage;
  const events = [
    sse("message_start", {
      type: "message_start",
      message: {
        id: p.id, type: "message", role: "assistant", model: p.model, content: [],
        stop_reason: null, stop_sequence: null,
        usage: {
          input_tokens: u.input_tokens,
          cache_creation_input_tokens: u.cache_creation_input_tokens,
          cache_read_input_tokens: u.cache_read_input_tokens,
          cache_creation: { ephemeral_5m_input_tokens: u.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 },
          output_tokens: 1,
          service_tier: "standard",
        },
      },
    }),
  ];
  blocksOf(p).forEach((block, index) => {
    events.push(sse("content_block_start", { type: "content_block_start", index, content_block: block.start }));
    // Anthropic sends its first ping right after the first content_block_start.
    if (index === 0) events.push(sse("ping", { type: "ping" }));
    for (const delta of block.deltas) events.push(sse("content_block_delta", { type: "content_block_delta", index, delta }));
    events.push(sse("content_block_stop", { type: "content_block_stop", index }));
  });
  events.push(
    sse("message_delta", {
      type: "message_delta",
      delta: { stop_reason: p.stopReason, stop_sequence: null },
      usage: {
        input_tokens: u.input_tokens,
        cache_creation_input_tokens: u.cache_creation_input_tokens,
        cache_read_input_tokens: u.cache_read_input_tokens,
        output_tokens: u.output_tokens,
      },
    }),
    sse("message_stop", { type: "message_stop" }),
  );
  return events;
}

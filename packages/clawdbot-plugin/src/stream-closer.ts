/**
 * Ends a stream the control plane dropped half way as a complete answer: what the host already
 * received stays, a sentence says the answer was cut short, and the message is closed the way
 * the provider would close it. The host then stores a normal (short) turn instead of failing
 * the whole run with "Agent run failed".
 */
import { dataFrame, namedFrame, SSE_DONE } from "@baas/protocol";
import { syntheticEvents } from "./sse";

export interface StreamCloser {
  /** One JSON event the host received. */
  onEvent(e: Record<string, unknown>): void;
  /** The host received OpenAI's `data: [DONE]`. */
  onDone(): void;
  /** Frames that finish the answer with `text`; none when the provider had already finished it. */
  finish(text: string, model: string, outputTokens: number): string[];
}

type Ev = { type: string } & Record<string, unknown>;

/** Anthropic Messages: close the open content block, add a text block, end the message. */
export function anthropicCloser(): StreamCloser {
  let started = false;
  let open: number | null = null;
  let next = 0;
  let stopReason = false;
  let stopped = false;
  return {
    onDone: () => undefined,
    onEvent(e) {
      if (e.type === "message_start") started = true;
      else if (e.type === "content_block_start" && typeof e.index === "number") {
        open = e.index;
        next = Math.max(next, e.index + 1);
      } else if (e.type === "content_block_stop") open = null;
      else if (e.type === "message_delta" && (e.delta as { stop_reason?: unknown } | undefined)?.stop_reason) stopReason = true;
      else if (e.type === "message_stop") stopped = true;
    },
    finish(text, model, outputTokens) {
      if (stopped) return [];
      if (!started) return syntheticEvents(text, model).map(namedFrame);
      if (stopReason) return [namedFrame({ type: "message_stop" })];
      const events: Ev[] = [];
      if (open !== null) events.push({ type: "content_block_stop", index: open });
      events.push(
        { type: "content_block_start", index: next, content_block: { type: "text", text: "" } },
        { type: "content_block_delta", index: next, delta: { type: "text_delta", text: `\n\n${text}` } },
        { type: "content_block_stop", index: next },
        { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: outputTokens } },
        { type: "message_stop" },
      );
      return events.map(namedFrame);
    },
  };
}

/** OpenAI Chat Completions: one more content chunk, a finish_reason, then [DONE]. */
export function openAiCloser(): StreamCloser {
  let base: Record<string, unknown> | null = null;
  let finished = false;
  let done = false;
  return {
    onDone: () => void (done = true),
    onEvent(e) {
      base ??= { id: e.id, object: "chat.completion.chunk", created: e.created, model: e.model };
      const choices = Array.isArray(e.choices) ? (e.choices as Array<{ finish_reason?: unknown }>) : [];
      if (choices.some((c) => c.finish_reason)) finished = true;
    },
    finish(text, model) {
      // The host already has the whole answer and its end: adding anything would be a second end.
      if (done) return [];
      if (finished) return [SSE_DONE];
      const b = base ?? { id: `chatcmpl-baas-${Date.now().toString(36)}`, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model };
      return [
        dataFrame({ ...b, choices: [{ index: 0, delta: { content: `\n\n${text}` }, finish_reason: null }] }),
        dataFrame({ ...b, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }),
        SSE_DONE,
      ];
    },
  };
}

/**
 * Plans with "BaaS branding" (Starter) end each final answer with one line saying so. Added by the
 * gateway, so no host or plugin can leave it out, and only to an answer that ends the turn (not to
 * a tool call the host still has to run). Usage and price are those of the provider's answer.
 */
import { dataFrame, namedFrame } from "@baas/protocol";
import type { Provider } from "./types";

export const BRANDING_LINE = "\n\n— Answered with BaaS (free plan)";

type Ev = Record<string, unknown>;

/** A complete answer with the line appended to its text. */
export function brandResponse(provider: Provider, response: unknown): unknown {
  const r = response as Ev;
  if (provider === "anthropic") {
    if (r?.stop_reason !== "end_turn" || !Array.isArray(r.content)) return response;
    return { ...r, content: [...r.content, { type: "text", text: BRANDING_LINE }] };
  }
  const choices = r?.choices as Array<{ finish_reason?: unknown; message?: { content?: unknown } }> | undefined;
  const first = choices?.[0];
  if (first?.finish_reason !== "stop" || typeof first.message?.content !== "string") return response;
  return { ...r, choices: [{ ...first, message: { ...first.message, content: first.message.content + BRANDING_LINE } }, ...choices!.slice(1)] };
}

/**
 * For a stream: the frames to send before an event, as SSE text ("" for almost every event). The
 * line goes in just before the event that ends the answer, so the upstream's own bytes stay as
 * they were around it.
 */
export function brandingFrames(provider: Provider): (ev: Ev) => string {
  let next = 0;
  return (e) => {
    if (provider === "anthropic") {
      if (e.type === "content_block_start" && typeof e.index === "number") next = Math.max(next, e.index + 1);
      const stop = e.type === "message_delta" ? (e.delta as { stop_reason?: unknown } | undefined)?.stop_reason : undefined;
      if (stop !== "end_turn") return "";
      return (
        namedFrame({ type: "content_block_start", index: next, content_block: { type: "text", text: "" } } as { type: string }) +
        namedFrame({ type: "content_block_delta", index: next, delta: { type: "text_delta", text: BRANDING_LINE } } as { type: string }) +
        namedFrame({ type: "content_block_stop", index: next } as { type: string })
      );
    }
    const choice = (e.choices as Array<{ finish_reason?: unknown }> | undefined)?.[0];
    if (choice?.finish_reason !== "stop") return "";
    return dataFrame({ ...e, choices: [{ index: 0, delta: { content: BRANDING_LINE }, finish_reason: null }], usage: undefined });
  };
}

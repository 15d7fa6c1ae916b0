import { describe, expect, it } from "vitest";
import { SseParser } from "@baas/protocol";
import { anthropicCloser, openAiCloser } from "./stream-closer";

const events = (frames: string[]) => new SseParser().push(frames.join("")).flatMap((e) => (e.json ? [e.json] : []));

describe("closing a stream the control plane dropped", () => {
  it("Anthropic: closes the open block, adds the sentence in a new text block, ends the message", () => {
    const c = anthropicCloser();
    c.onEvent({ type: "message_start", message: {} });
    c.onEvent({ type: "content_block_start", index: 0, content_block: { type: "thinking" } });
    c.onEvent({ type: "content_block_stop", index: 0 });
    c.onEvent({ type: "content_block_start", index: 1, content_block: { type: "text" } });
    const out = events(c.finish("cut short", "claude-x", 42));
    expect(out.map((e) => e.type)).toEqual(["content_block_stop", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"]);
    expect(out[0]).toMatchObject({ index: 1 });
    expect(out[2]).toMatchObject({ index: 2, delta: { type: "text_delta", text: "\n\ncut short" } });
    expect(out[4]).toMatchObject({ delta: { stop_reason: "end_turn" }, usage: { output_tokens: 42 } });
  });

  it("Anthropic: adds nothing once the message ended, only message_stop after its stop reason", () => {
    const done = anthropicCloser();
    for (const type of ["message_start", "message_stop"]) done.onEvent({ type });
    expect(done.finish("x", "m", 1)).toEqual([]);
    const stopping = anthropicCloser();
    stopping.onEvent({ type: "message_start" });
    stopping.onEvent({ type: "message_delta", delta: { stop_reason: "end_turn" } });
    expect(events(stopping.finish("x", "m", 1)).map((e) => e.type)).toEqual(["message_stop"]);
  });

  it("OpenAI: one more content chunk with the stream's own id and model, a finish reason, [DONE]", () => {
    const c = openAiCloser();
    c.onEvent({ id: "chatcmpl-1", created: 7, model: "gpt-x", choices: [{ index: 0, delta: { content: "hel" }, finish_reason: null }] });
    const frames = c.finish("cut short", "gpt-x", 3);
    expect(frames.at(-1)).toBe("data: [DONE]\n\n");
    const chunks = events(frames);
    expect(chunks[0]).toMatchObject({ id: "chatcmpl-1", model: "gpt-x", choices: [{ delta: { content: "\n\ncut short" } }] });
    expect(chunks[1]).toMatchObject({ choices: [{ finish_reason: "stop" }] });
    const finished = openAiCloser();
    finished.onEvent({ id: "c", choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
    expect(finished.finish("x", "m", 0)).toEqual(["data: [DONE]\n\n"]);
  });
});

import { describe, expect, it } from "vitest";
import { dataFrame, namedFrame, SSE_DONE, SseParser, type SseEvent } from "./sse";

const ANTHROPIC =
  namedFrame({ type: "message_start", message: { model: "claude-sonnet-4-5", usage: { input_tokens: 12 } } } as { type: string }) +
  "event: ping\ndata: {\"type\":\"ping\"}\n\n" +
  namedFrame({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Olá, ção ✓ 🎉" } } as { type: string }) +
  namedFrame({ type: "message_stop" });

const OPENAI = dataFrame({ id: "c1", choices: [{ index: 0, delta: { content: "hi" } }] }) + dataFrame({ id: "c1", choices: [], usage: { prompt_tokens: 3 } }) + SSE_DONE;

const summary = (events: SseEvent[]) => events.map((e) => (e.done ? "[DONE]" : `${e.event ?? ""}|${JSON.stringify(e.json)}`));

function parseWhole(text: string): SseEvent[] {
  const p = new SseParser();
  return [...p.push(text), ...p.end()];
}

describe("SseParser", () => {
  it("reads named events and data-only events, JSON and [DONE]", () => {
    const a = parseWhole(ANTHROPIC);
    expect(a.map((e) => e.event)).toEqual(["message_start", "ping", "content_block_delta", "message_stop"]);
    expect(a[2]!.json).toMatchObject({ delta: { text: "Olá, ção ✓ 🎉" } });
    const o = parseWhole(OPENAI);
    expect(o.map((e) => e.done)).toEqual([false, false, true]);
    expect(o[1]!.json).toMatchObject({ usage: { prompt_tokens: 3 } });
  });

  it("reads CRLF and bare CR line ends like LF", () => {
    const lf = summary(parseWhole(ANTHROPIC));
    expect(summary(parseWhole(ANTHROPIC.replace(/\n/g, "\r\n")))).toEqual(lf);
    expect(summary(parseWhole(ANTHROPIC.replace(/\n/g, "\r")))).toEqual(lf);
  });

  it("joins multi-line data with newlines and skips comments", () => {
    const events = parseWhole(': keep-alive\n\nevent: x\ndata: {"a":\ndata: 1}\n\n:another comment\ndata: plain\n\n');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ event: "x", data: '{"a":\n1}', json: { a: 1 } });
    expect(events[1]).toMatchObject({ event: undefined, data: "plain", json: null, done: false });
  });

  it("gives the same events whatever offset a stream is split at, twice over", () => {
    for (const text of [ANTHROPIC, OPENAI, ANTHROPIC.replace(/\n/g, "\r\n")]) {
      const whole = summary(parseWhole(text));
      for (let i = 0; i <= text.length; i++) {
        for (const j of [i, Math.min(text.length, i + 7)]) {
          const p = new SseParser();
          const got = [...p.push(text.slice(0, i)), ...p.push(text.slice(i, j)), ...p.push(text.slice(j)), ...p.end()];
          expect(summary(got), `split at ${i}/${j}`).toEqual(whole);
        }
      }
    }
  });

  it("counts an event the stream ended without a blank line after", () => {
    const p = new SseParser();
    expect(p.push('data: {"a":1}')).toEqual([]);
    expect(p.end().map((e) => e.json)).toEqual([{ a: 1 }]);
  });
});

describe("SseParser.pushFramed", () => {
  it("cuts raw text exactly at event ends, at every split offset, keeping every byte", () => {
    for (const text of [ANTHROPIC, OPENAI, ANTHROPIC.replace(/\n/g, "\r\n"), ": c\n\n" + OPENAI]) {
      const eventsWhole = summary(parseWhole(text));
      for (let i = 0; i <= text.length; i++) {
        const p = new SseParser();
        const blocks = [...p.pushFramed(text.slice(0, i)), ...p.pushFramed(text.slice(i))];
        expect(blocks.map((b) => b.raw).join("") + p.pending, `split at ${i}`).toBe(text);
        expect(summary(blocks.flatMap((b) => b.events))).toEqual(eventsWhole);
        for (const b of blocks) expect(summary(parseWhole(b.raw))).toEqual(summary(b.events));
      }
    }
  });

  it("holds back the start of an event until its end arrives", () => {
    const p = new SseParser();
    expect(p.pushFramed('data: {"a":1}\n\ndata: {"b"')).toEqual([expect.objectContaining({ raw: 'data: {"a":1}\n\n' })]);
    expect(p.pending).toBe('data: {"b"');
    expect(p.pushFramed(":2}\n\n")).toEqual([expect.objectContaining({ raw: 'data: {"b":2}\n\n' })]);
    expect(p.pending).toBe("");
  });
});

import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLlm } from "./fake-llm";
import type { FakeLlm } from "./llm-types";

let slow: FakeLlm;

beforeAll(async () => {
  slow = await startFakeLlm({ latencyMs: 100, chunkDelayMs: 30 });
});
afterAll(() => slow.close());

describe("latency, chunk pacing and broken streams", () => {
  it("delays the first byte by latencyMs and paces stream chunks by chunkDelayMs", async () => {
    const client = new Anthropic({ apiKey: "k", baseURL: slow.url, maxRetries: 0 });
    const started = Date.now();
    const arrivals: number[] = [];
    const stream = client.messages.stream({ model: "m", max_tokens: 50, messages: [{ role: "user", content: "a fairly long prompt to split" }] });
    stream.on("text", () => arrivals.push(Date.now() - started));
    await stream.finalMessage();
    expect(arrivals[0]).toBeGreaterThanOrEqual(95);
    expect(arrivals.length).toBeGreaterThan(2);
    // Deltas arrive spread out, not in one burst.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(2 * 25);
  });

  it("OpenAI afterFirstByte: first chunk arrives, then the SDK raises the streamed error", async () => {
    slow.setFault("oai", { status: 500, afterFirstByte: true });
    const client = new OpenAI({ apiKey: "oai", baseURL: `${slow.url}/v1`, maxRetries: 0 });
    const seen: string[] = [];
    const consume = async () => {
      const stream = await client.chat.completions.create({ model: "gpt-5", stream: true, messages: [{ role: "user", content: "hello" }] });
      for await (const c of stream) seen.push(c.choices[0]?.delta.content ?? "");
    };
    await expect(consume()).rejects.toBeInstanceOf(OpenAI.APIError);
    expect(seen.join("")).toMatch(/^fake-/); // only the start of "fake-reply: hello" got through
    slow.setFault("oai", null);
  });

  it("afterFirstByte on a JSON request drops the connection mid-body", async () => {
    slow.queueFaults("k2", { status: 500, afterFirstByte: true }, 1);
    const client = new Anthropic({ apiKey: "k2", baseURL: slow.url, maxRetries: 0 });
    await expect(client.messages.create({ model: "m", max_tokens: 5, messages: [{ role: "user", content: "x" }] })).rejects.toThrow();
    await expect(client.messages.create({ model: "m", max_tokens: 5, messages: [{ role: "user", content: "x" }] })).resolves.toMatchObject({ type: "message" });
  });

  it("caps the request log and clears it", async () => {
    const tiny = await startFakeLlm({ maxRecorded: 3 });
    const client = new Anthropic({ apiKey: "cap", baseURL: tiny.url, maxRetries: 0 });
    for (let i = 0; i < 5; i++) await client.messages.create({ model: "m", max_tokens: 5, messages: [{ role: "user", content: `n${i}` }] });
    expect(tiny.requests.map((r) => (r.body as { messages: Array<{ content: string }> }).messages[0]?.content)).toEqual(["n2", "n3", "n4"]);
    expect(tiny.countFor("cap")).toBe(5);
    tiny.clearRequests();
    expect(tiny.requests).toHaveLength(0);
    expect(tiny.countFor("cap")).toBe(0);
    await tiny.close();
  });
});

import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeLlm } from "./fake-llm";
import type { FakeLlm } from "./llm-types";

let fake: FakeLlm;
const client = (apiKey = "sk-openai-1") => new OpenAI({ apiKey, baseURL: `${fake.url}/v1`, maxRetries: 0 });
const system = { role: "system" as const, content: "s".repeat(2000) };

beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe("OpenAI Chat Completions through the real SDK", () => {
  it("answers JSON with the echo and usage", async () => {
    const res = await client().chat.completions.create({ model: "gpt-5", messages: [{ role: "user", content: "hello openai" }] });
    expect(res.choices[0]?.message.content).toBe("fake-reply: hello openai");
    expect(res.choices[0]?.finish_reason).toBe("stop");
    expect(res.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 6, total_tokens: 9 });
    expect(fake.requests[0]).toMatchObject({ path: "/v1/chat/completions", provider: "openai", credential: "sk-openai-1" });
  });

  it("streams chunks ending in a usage chunk; repeated system prompt reports cached_tokens", async () => {
    const params = {
      model: "gpt-5", stream: true as const, stream_options: { include_usage: true },
      messages: [system, { role: "user" as const, content: "stream it" }],
    };
    const run = async () => {
      let text = "";
      let usage: OpenAI.CompletionUsage | undefined;
      let deltas = 0;
      for await (const chunk of await client().chat.completions.create(params)) {
        const piece = chunk.choices[0]?.delta.content;
        if (piece) {
          text += piece;
          deltas++;
        }
        if (chunk.usage) usage = chunk.usage;
      }
      return { text, usage, deltas };
    };
    const first = await run();
    expect(first.text).toBe("fake-reply: stream it");
    expect(first.deltas).toBeGreaterThan(1);
    expect(first.usage).toMatchObject({ prompt_tokens: 503, prompt_tokens_details: { cached_tokens: 0 } });
    const second = await run();
    expect(second.usage?.prompt_tokens_details?.cached_tokens).toBe(500);
    expect(second.usage?.prompt_tokens).toBe(503);
  });

  it("streams without a usage chunk unless include_usage is set", async () => {
    const stream = await client().chat.completions.create({ model: "gpt-5", stream: true, messages: [{ role: "user", content: "x" }] });
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("calls a declared tool when asked through [[tool:name]]", async () => {
    const res = await client().chat.completions.create({
      model: "gpt-5",
      tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }],
      messages: [{ role: "user", content: 'please [[tool:lookup {"q":1}]]' }],
    });
    expect(res.choices[0]?.finish_reason).toBe("tool_calls");
    const call = res.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === "function" && call.function).toMatchObject({ name: "lookup", arguments: '{"q":1}' });
  });

  it("also works with baseURL without /v1 and lists models in OpenAI shape", async () => {
    const noV1 = new OpenAI({ apiKey: "k", baseURL: fake.url, maxRetries: 0 });
    const res = await noV1.chat.completions.create({ model: "gpt-5", messages: [{ role: "user", content: "a" }] });
    expect(res.choices[0]?.message.content).toBe("fake-reply: a");
    const models = await client().models.list();
    expect(models.data[0]).toMatchObject({ object: "model" });
  });
});

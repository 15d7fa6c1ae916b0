import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeLlm } from "./fake-llm";
import type { FakeLlm } from "./llm-types";

let fake: FakeLlm;
const client = (apiKey = "sk-ant-api-key-1") => new Anthropic({ apiKey, baseURL: fake.url, maxRetries: 0 });

beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe("Anthropic Messages through the real SDK", () => {
  it("answers a JSON request with the deterministic echo and usage", async () => {
    const msg = await client().messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 100,
      messages: [{ role: "user", content: "hello there" }],
    });
    expect(msg.content).toEqual([{ type: "text", text: "fake-reply: hello there" }]);
    expect(msg.stop_reason).toBe("end_turn");
    expect(msg.model).toBe("claude-sonnet-4-5");
    // "hello there" = 11 chars → 3 tokens; reply 23 chars → 6 tokens
    expect(msg.usage).toMatchObject({ input_tokens: 3, output_tokens: 6, cache_read_input_tokens: 0 });
    expect(fake.countFor("sk-ant-api-key-1")).toBe(1);
    expect(fake.requests[0]).toMatchObject({ path: "/v1/messages", credential: "sk-ant-api-key-1" });
  });

  it("streams the real event sequence; finalMessage carries text and cache usage", async () => {
    const system = [{ type: "text" as const, text: "x".repeat(4000), cache_control: { type: "ephemeral" as const } }];
    const params = { model: "claude-sonnet-4-5", max_tokens: 100, system, messages: [{ role: "user" as const, content: "stream me please" }] };
    const events: string[] = [];
    const stream = client().messages.stream(params).on("streamEvent", (e) => events.push(e.type));
    const first = await stream.finalMessage();
    expect(events).toEqual([
      // the SDK swallows `ping` (checked on the raw stream below)
      "message_start", "content_block_start",
      ...events.filter((e) => e === "content_block_delta").map(() => "content_block_delta"),
      "content_block_stop", "message_delta", "message_stop",
    ]);
    expect(events.filter((e) => e === "content_block_delta").length).toBeGreaterThan(1);
    expect(first.content).toEqual([{ type: "text", text: "fake-reply: stream me please" }]);
    expect(first.usage).toMatchObject({ cache_creation_input_tokens: 1000, cache_read_input_tokens: 0, input_tokens: 4 });
    expect(first.usage.output_tokens).toBe(Math.ceil("fake-reply: stream me please".length / 4));

    const second = await client().messages.stream(params).finalMessage();
    expect(second.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 1000 });
    // The prompt cache lives per account: another credential writes it again.
    const other = await client("sk-ant-other").messages.create(params);
    expect(other.usage.cache_creation_input_tokens).toBe(1000);
  });

  it("repeats cumulative input/cache usage in message_delta (read by pi-ai)", async () => {
    const res = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "k", "content-type": "application/json" },
      body: JSON.stringify({
        model: "m", max_tokens: 10, stream: true,
        system: [{ type: "text", text: "y".repeat(400), cache_control: { type: "ephemeral" } }],
        messages: [{ role: "user", content: "hi" }],
      }),
    });
    const text = await res.text();
    const names = text.split("\n\n").filter(Boolean).map((e) => e.split("\n")[0]);
    expect(names.slice(0, 3)).toEqual(["event: message_start", "event: content_block_start", "event: ping"]);
    expect(names.slice(-2)).toEqual(["event: message_delta", "event: message_stop"]);
    const delta = text.split("\n\n").find((e) => e.startsWith("event: message_delta"));
    const data = JSON.parse(delta!.split("data: ")[1]!);
    expect(data.usage).toEqual({ input_tokens: 1, cache_creation_input_tokens: 100, cache_read_input_tokens: 0, output_tokens: 4 });
    expect(data.delta.stop_reason).toBe("end_turn");
  });

  it("answers with a tool_use block when asked through [[tool:name]]", async () => {
    const tools = [{ name: "get_weather", description: "w", input_schema: { type: "object" as const, properties: {} } }];
    const msg = await client().messages.stream({
      model: "m", max_tokens: 100, tools,
      messages: [{ role: "user", content: 'check [[tool:get_weather {"city":"Lisbon"}]]' }],
    }).finalMessage();
    expect(msg.stop_reason).toBe("tool_use");
    expect(msg.content[0]).toMatchObject({ type: "tool_use", name: "get_weather", input: { city: "Lisbon" } });
  });

  it("finds the marker in an earlier user message of the turn (hosts append their context last), and ends the loop after the tool result", async () => {
    const tools = [{ name: "session_status", description: "s", input_schema: { type: "object" as const, properties: {} } }];
    const asked = { role: "user" as const, content: [{ type: "text" as const, text: 'status? [[tool:session_status {"full":true}]]' }] };
    const hostContext = { role: "user" as const, content: "<<<BEGIN_HOST_CONTEXT>>> nothing running <<<END_HOST_CONTEXT>>>" };
    const first = await client().messages.create({ model: "m", max_tokens: 100, tools, messages: [asked, hostContext] });
    expect(first.stop_reason).toBe("tool_use");
    const use = first.content[0];
    expect(use).toMatchObject({ type: "tool_use", name: "session_status", input: { full: true } });
    const second = await client().messages.create({
      model: "m", max_tokens: 100, tools,
      messages: [asked, hostContext, { role: "assistant", content: first.content }, { role: "user", content: [{ type: "tool_result", tool_use_id: (use as { id: string }).id, content: "all good" }] }],
    });
    expect(second.stop_reason).toBe("end_turn");
    expect(second.content[0]).toMatchObject({ type: "text", text: "fake-reply: all good" });
  });

  it("emits a thinking block first when thinking is enabled", async () => {
    const msg = await client().messages.stream({
      model: "m", max_tokens: 2000, thinking: { type: "enabled", budget_tokens: 1024 },
      messages: [{ role: "user", content: "think" }],
    }).finalMessage();
    expect(msg.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    expect(msg.content[0]).toMatchObject({ thinking: "fake-thinking: think" });
  });

  it("lets a test override reply and usage with setReply", async () => {
    fake.setReply((ctx) => (ctx.credential === "special" ? { text: "custom", usage: { output_tokens: 42 } } : undefined));
    const special = await client("special").messages.create({ model: "m", max_tokens: 5, messages: [{ role: "user", content: "a" }] });
    expect(special.content).toEqual([{ type: "text", text: "custom" }]);
    expect(special.usage.output_tokens).toBe(42);
    const normal = await client().messages.create({ model: "m", max_tokens: 5, messages: [{ role: "user", content: "a" }] });
    expect(normal.content).toEqual([{ type: "text", text: "fake-reply: a" }]);
  });

  it("counts tokens and lists models", async () => {
    const count = await client().messages.countTokens({ model: "m", messages: [{ role: "user", content: "12345678" }] });
    expect(count.input_tokens).toBe(2);
    const models = await client().models.list();
    expect(models.data.map((m) => m.id)).toContain("claude-sonnet-4-5");
  });

  it("accepts Claude Max OAuth bearer tokens as the credential", async () => {
    const oauth = new Anthropic({
      authToken: "sk-ant-oat01-max", baseURL: fake.url, maxRetries: 0,
      defaultHeaders: { "anthropic-beta": "oauth-2025-04-20" },
    });
    await oauth.messages.create({ model: "m", max_tokens: 5, messages: [{ role: "user", content: "a" }] });
    expect(fake.countFor("sk-ant-oat01-max")).toBe(1);
    expect(fake.requests.at(-1)?.headers["anthropic-beta"]).toContain("oauth-");
  });

  it("rejects a request without credential and a request missing max_tokens", async () => {
    const res = await fetch(`${fake.url}/v1/messages`, { method: "POST", body: "{}" });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });
    const bad = client().messages.create({ model: "m", messages: [] } as never);
    await expect(bad).rejects.toBeInstanceOf(Anthropic.BadRequestError);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeLlm, type FakeLlm } from "@baas/testkit";
import { startFakeGateway } from "../test/fake-gateway";
import { createControlPlane } from "./control-plane";
import { DEFAULT_UNAVAILABLE_MESSAGE } from "./plugin-config";
import { CONTEXT_HEADER, encodeContext, startRelay, type Relay } from "./relay";
import { UsageSpool } from "./spool";

let llm: FakeLlm;
let gw: Awaited<ReturnType<typeof startFakeGateway>>;
const relays: Relay[] = [];
const dirs: string[] = [];
const ctx = { agentId: "coruja", sessionKey: "agent:coruja:whatsapp:group:9876@g.us", channel: "whatsapp", peerKind: "group" as const, peerId: "9876@g.us", runId: "run-o", callId: "run-o:model:1" };

beforeAll(async () => {
  llm = await startFakeLlm();
  gw = await startFakeGateway({ llmUrl: llm.url, credential: "sk-openai-gw" });
});
afterAll(async () => {
  await Promise.all(relays.map((r) => r.close()));
  await gw.close();
  await llm.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
beforeEach(() => {
  llm.reset();
  gw.state.calls.length = 0;
  gw.state.reject = null;
});

async function relayWith(opts: { url?: string; failMode?: "failClosed" | "failOpen" } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "baas-relay-oai-"));
  dirs.push(dir);
  const spool = new UsageSpool(join(dir, "spool.jsonl"));
  const relay = await startRelay({
    controlPlane: createControlPlane({ url: opts.url ?? gw.url, instanceKey: "bk_test_key" }),
    config: {
      failMode: opts.failMode ?? "failClosed",
      unavailableMessage: DEFAULT_UNAVAILABLE_MESSAGE,
      connectTimeoutMs: 3000,
      fallback: { baseUrl: llm.url, apiKey: "anthropic-fallback" },
      openaiFallback: { baseUrl: `${llm.url}/v1`, apiKey: "openai-fallback" },
    },
    spool: () => spool,
  });
  relays.push(relay);
  return { relay, spool };
}

type Chunk = { choices?: Array<{ delta?: { content?: string | null; tool_calls?: Array<{ function?: { name?: string; arguments?: string } }> }; finish_reason?: string | null }>; usage?: unknown; error?: unknown };

/** What the OpenAI SDK inside the host does: POST with a bearer token, read `data:` frames to [DONE]. */
async function chat(relay: Relay, body: Record<string, unknown>) {
  const res = await fetch(`${relay.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${relay.token}`, [CONTEXT_HEADER]: encodeContext(ctx) },
    body: JSON.stringify({ model: "gpt-4o-mini", ...body }),
  });
  if (body.stream !== true) return { status: res.status, json: (await res.json()) as any, frames: [] as string[], chunks: [] as Chunk[], text: "" };
  const frames = (await res.text()).split("\n\n").filter(Boolean).map((f) => f.replace(/^data: /, ""));
  const chunks = frames.filter((f) => f !== "[DONE]").map((f) => JSON.parse(f) as Chunk);
  const text = chunks.map((c) => c.choices?.[0]?.delta?.content ?? "").join("");
  return { status: res.status, json: null, frames, chunks, text };
}

const ask = (content: string, extra: Record<string, unknown> = {}) => ({ stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content }], ...extra });

describe("loopback relay, OpenAI Chat Completions", () => {
  it("streams a chat completion through gateway.stream with provider openai and the turn's context", async () => {
    const { relay } = await relayWith();
    const r = await chat(relay, ask("hello from openai"));
    expect(r.status).toBe(200);
    expect(r.text).toBe("fake-reply: hello from openai");
    expect(r.frames.at(-1)).toBe("[DONE]");
    expect(r.chunks.at(-1)?.usage).toMatchObject({ completion_tokens: expect.any(Number) });
    const call = gw.state.calls.find((c) => c.path === "stream")!;
    expect(call.input).toMatchObject({ provider: "openai", context: { ...ctx, callId: expect.stringMatching(new RegExp(`^${ctx.callId}#[0-9a-f]{8}$`)) }, request: { model: "gpt-4o-mini" } });
    expect(llm.requests.map((q) => [q.path, q.credential])).toEqual([["/v1/chat/completions", "sk-openai-gw"]]);
  });

  it("passes tool calls through as OpenAI tool_call deltas", async () => {
    const { relay } = await relayWith();
    const r = await chat(relay, ask('look [[tool:lookup {"q":"x"}]]', { tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }] }));
    const calls = r.chunks.flatMap((c) => c.choices?.[0]?.delta?.tool_calls ?? []);
    expect(calls[0]?.function?.name).toBe("lookup");
    expect(JSON.parse(calls.map((c) => c.function?.arguments ?? "").join(""))).toEqual({ q: "x" });
    expect(r.chunks.some((c) => c.choices?.[0]?.finish_reason === "tool_calls")).toBe(true);
  });

  it("relays a non-streaming request through gateway.complete", async () => {
    const { relay } = await relayWith();
    const r = await chat(relay, { messages: [{ role: "user", content: "plain" }] });
    expect(r.json.choices[0].message.content).toBe("fake-reply: plain");
    expect(gw.state.calls.find((c) => c.path === "complete")?.input.provider).toBe("openai");
  });

  it("a budget rejection is a normal 200 chat completion stream carrying the gateway's sentence", async () => {
    gw.state.reject = { code: "PAYMENT_REQUIRED", message: "budget", sentence: "This group's monthly AI budget is used up." };
    const { relay } = await relayWith();
    const r = await chat(relay, ask("anything"));
    expect(r.status).toBe(200);
    expect(r.text).toBe("This group's monthly AI budget is used up.");
    expect(r.chunks.some((c) => c.choices?.[0]?.finish_reason === "stop")).toBe(true);
    expect(r.frames.at(-1)).toBe("[DONE]");
    expect(llm.requests).toHaveLength(0);
  });

  it("fail-closed: an unreachable control plane gives the unavailable sentence, in OpenAI's shape", async () => {
    const { relay } = await relayWith({ url: "http://127.0.0.1:9/api/trpc" });
    const streamed = await chat(relay, ask("hello?"));
    expect(streamed.text).toBe(DEFAULT_UNAVAILABLE_MESSAGE);
    const plain = await chat(relay, { messages: [{ role: "user", content: "hello?" }] });
    expect(plain.json.choices[0].message.content).toBe(DEFAULT_UNAVAILABLE_MESSAGE);
    expect(llm.requests).toHaveLength(0);
  });

  it("fail-open: calls OpenAI with the OpenAI fallback key, spools usage as provider openai, replays once", async () => {
    const { relay, spool } = await relayWith({ url: "http://127.0.0.1:9/api/trpc", failMode: "failOpen" });
    // The host did not ask for usage: the relay asks anyway, so the spooled call is counted.
    const r = await chat(relay, { stream: true, messages: [{ role: "user", content: "direct please" }] });
    expect(r.text).toBe("fake-reply: direct please");
    expect(llm.requests.map((q) => [q.path, q.credential])).toEqual([["/v1/chat/completions", "openai-fallback"]]);
    const pending = await spool.pending();
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ eventId: expect.stringMatching(new RegExp(`^${ctx.callId}#[0-9a-f]{8}$`)), provider: "openai", model: "gpt-4o-mini", source: "SPOOLED", context: { agentId: "coruja", peerId: "9876@g.us" } });
    expect(pending[0]!.inputTokens).toBeGreaterThan(0);
    expect(pending[0]!.outputTokens).toBeGreaterThan(0);
    const cp = createControlPlane({ url: gw.url, instanceKey: "bk_test_key" });
    expect(await spool.replay((e) => cp.reportUsage(e))).toMatchObject({ sent: 1, accepted: 1 });
    expect(await spool.replay((e) => cp.reportUsage(e))).toMatchObject({ sent: 0 });
  });

  it("refuses callers without the relay token, with an OpenAI-shaped error", async () => {
    const { relay } = await relayWith();
    const res = await fetch(`${relay.url}/v1/chat/completions`, { method: "POST", headers: { authorization: "Bearer guess" }, body: "{}" });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("authentication_error");
  });
});

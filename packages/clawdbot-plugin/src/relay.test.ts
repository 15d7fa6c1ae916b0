import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeLlm, type FakeLlm } from "@baas/testkit";
import { startFakeGateway } from "../test/fake-gateway";
import { createControlPlane } from "./control-plane";
import { DEFAULT_UNAVAILABLE_MESSAGE } from "./plugin-config";
import { CONTEXT_HEADER, encodeContext, startRelay, type Relay } from "./relay";
import { SseParser } from "@baas/protocol";
import { UsageSpool } from "./spool";

let llm: FakeLlm;
let gw: Awaited<ReturnType<typeof startFakeGateway>>;
const relays: Relay[] = [];
const ctx = { agentId: "lobo", sessionKey: "agent:lobo:whatsapp:group:1203@g.us", channel: "whatsapp", peerKind: "group" as const, peerId: "1203@g.us", runId: "run-1", callId: "run-1:model:1" };

beforeAll(async () => {
  llm = await startFakeLlm();
  gw = await startFakeGateway({ llmUrl: llm.url, credential: "max-1" });
});
afterAll(async () => {
  await Promise.all(relays.map((r) => r.close()));
  await gw.close();
  await llm.close();
});
beforeEach(() => {
  llm.reset();
  gw.state.calls.length = 0;
  gw.state.reject = null;
});

async function relayWith(opts: { url?: string; failMode?: "failClosed" | "failOpen"; spool?: UsageSpool } = {}) {
  const spool = opts.spool ?? new UsageSpool(join(mkdtempSync(join(tmpdir(), "baas-relay-")), "spool.jsonl"));
  const relay = await startRelay({
    controlPlane: createControlPlane({ url: opts.url ?? gw.url, instanceKey: "bk_test_key" }),
    config: { failMode: opts.failMode ?? "failClosed", unavailableMessage: DEFAULT_UNAVAILABLE_MESSAGE, connectTimeoutMs: 3000, fallback: { baseUrl: llm.url, apiKey: "fallback-key" } },
    spool: () => spool,
  });
  relays.push(relay);
  return { relay, spool };
}

const jsonEvents = (text: string) => new SseParser().push(text).flatMap((e) => (e.json ? [e.json] : []));

/** What the host's Anthropic transport would do: POST, read SSE, collect text. */
async function ask(relay: Relay, text: string, stream = true) {
  const res = await fetch(`${relay.url}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": relay.token, [CONTEXT_HEADER]: encodeContext(ctx) },
    body: JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 100, stream, messages: [{ role: "user", content: text }] }),
  });
  if (!stream) return { status: res.status, events: [], text: ((await res.json()) as { content: Array<{ text: string }> }).content[0]!.text };
  const events = jsonEvents(await res.text());
  const out = events
    .filter((e) => e.type === "content_block_delta")
    .map((e) => (e.delta as { text?: string }).text ?? "")
    .join("");
  return { status: res.status, events, text: out };
}

describe("loopback relay", () => {
  it("relays a streamed answer intact, with the turn's context, through gateway.stream", async () => {
    const { relay } = await relayWith();
    const r = await ask(relay, "hello from the group");
    expect(r.status).toBe(200);
    expect(r.text).toBe("fake-reply: hello from the group");
    expect(r.events.map((e) => e.type)).toEqual(expect.arrayContaining(["message_start", "content_block_start", "message_delta", "message_stop"]));
    const call = gw.state.calls.find((c) => c.path === "stream")!;
    // The host's call id, made unique per request (a host retry is a new, charged upstream call).
    expect(call.input.context).toMatchObject({ ...ctx, callId: expect.stringMatching(new RegExp(`^${ctx.callId}#[0-9a-f]{8}$`)) });
    expect(call.input.provider).toBe("anthropic");
    expect(llm.countFor("max-1")).toBe(1);
  });

  it("passes tool calls and thinking through untouched (the host's own parser sees Anthropic's events)", async () => {
    const { relay } = await relayWith();
    const res = await fetch(`${relay.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": relay.token, [CONTEXT_HEADER]: encodeContext(ctx) },
      body: JSON.stringify({
        model: "claude-sonnet-4-5", max_tokens: 2000, stream: true, thinking: { type: "enabled", budget_tokens: 1024 },
        tools: [{ name: "session_status", description: "status", input_schema: { type: "object", properties: {} } }],
        messages: [{ role: "user", content: 'please [[tool:session_status {"verbose":true}]]' }],
      }),
    });
    const events = jsonEvents(await res.text());
    const starts = events.filter((e) => e.type === "content_block_start").map((e) => (e.content_block as { type: string }).type);
    expect(starts).toEqual(["thinking", "tool_use"]);
    const json = events
      .filter((e) => (e.delta as { type?: string } | undefined)?.type === "input_json_delta")
      .map((e) => (e.delta as { partial_json: string }).partial_json)
      .join("");
    expect(JSON.parse(json)).toEqual({ verbose: true });
    expect(events.some((e) => (e.delta as { type?: string } | undefined)?.type === "signature_delta")).toBe(true);
    expect((events.find((e) => e.type === "message_delta")!.delta as { stop_reason: string }).stop_reason).toBe("tool_use");
  });

  it("relays a non-streaming request through gateway.complete", async () => {
    const { relay } = await relayWith();
    const r = await ask(relay, "plain json", false);
    expect(r.text).toBe("fake-reply: plain json");
    expect(gw.state.calls.some((c) => c.path === "complete")).toBe(true);
  });

  it("turns a budget rejection into a normal 200 answer with the gateway's sentence", async () => {
    gw.state.reject = { code: "PAYMENT_REQUIRED", message: "budget", sentence: "This group's monthly AI budget is used up." };
    const { relay } = await relayWith();
    const r = await ask(relay, "anything");
    expect(r.status).toBe(200);
    expect(r.text).toBe("This group's monthly AI budget is used up.");
    expect(r.events.at(-1)?.type).toBe("message_stop");
    expect(llm.requests).toHaveLength(0);
  });

  it("never answers 429 to the host for a rate limit", async () => {
    gw.state.reject = { code: "TOO_MANY_REQUESTS", message: "slow down", retryAfterSec: 7 };
    const { relay } = await relayWith();
    const r = await ask(relay, "again");
    expect(r.status).toBe(200);
    expect(r.text).toContain("7 seconds");
  });

  it("a call id the gateway already served is final: never sent to the provider in fail-open", async () => {
    gw.state.reject = { code: "CONFLICT", message: "This callId was already used", sentence: "This message was already answered." };
    const { relay } = await relayWith({ failMode: "failOpen" });
    const r = await ask(relay, "again");
    expect(r.status).toBe(400);
    expect(llm.requests).toHaveLength(0);
  });

  it("fail-closed: an unreachable control plane gives the unavailable sentence", async () => {
    const { relay } = await relayWith({ url: "http://127.0.0.1:9/api/trpc" });
    const r = await ask(relay, "hello?");
    expect(r.status).toBe(200);
    expect(r.text).toBe(DEFAULT_UNAVAILABLE_MESSAGE);
    expect(llm.requests).toHaveLength(0);
  });

  it("fail-open: calls the provider with the fallback key, spools usage, replays it exactly once", async () => {
    const { relay, spool } = await relayWith({ url: "http://127.0.0.1:9/api/trpc", failMode: "failOpen" });
    const r = await ask(relay, "direct please");
    expect(r.text).toBe("fake-reply: direct please");
    expect(llm.countFor("fallback-key")).toBe(1);
    const pending = await spool.pending();
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ eventId: expect.stringMatching(new RegExp(`^${ctx.callId}#[0-9a-f]{8}$`)), kind: "LLM", source: "SPOOLED", context: { agentId: "lobo", peerId: "1203@g.us" } });
    expect(pending[0]!.outputTokens).toBeGreaterThan(0);
    const cp = createControlPlane({ url: gw.url, instanceKey: "bk_test_key" });
    expect(await spool.replay((e) => cp.reportUsage(e))).toMatchObject({ sent: 1, accepted: 1 });
    expect(await spool.replay((e) => cp.reportUsage(e))).toMatchObject({ sent: 0 });
    expect(await spool.pending()).toHaveLength(0);
  });

  it("refuses callers without the relay token", async () => {
    const { relay } = await relayWith();
    const res = await fetch(`${relay.url}/v1/messages`, { method: "POST", headers: { "x-api-key": "guess" }, body: "{}" });
    expect(res.status).toBe(401);
  });
});

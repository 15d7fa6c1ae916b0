/**
 * The host receives exactly the bytes the provider sent. A real stream from the testkit's fake
 * Anthropic and fake OpenAI goes through the real gateway (engine, PostgreSQL, Redis, tRPC over
 * HTTP) and the plugin's relay to a host reading raw bytes, and is compared with what the fake
 * wrote, byte for byte: text with multi-byte characters, thinking, tool calls. The fake writes
 * 7-byte slices, so events and UTF-8 characters are cut across network reads on the way.
 * The two places where the gateway changes the stream on purpose are tested apart, against the
 * change spelled out here: the OpenAI usage chunk it asked for on a caller's behalf, and a
 * plan's branding line.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "@baas/api";
import { getDb, parseEncryptionKey } from "@baas/db";
import { createGatewayEngine, createRedisHotStore, type GatewayEngine, type HotStore } from "@baas/gateway";
import { createGatewayFixture, type GatewayFixture } from "@baas/gateway/testing";
import { startFakeLlm, type FakeLlm } from "@baas/testkit";
import { createControlPlane } from "../src/control-plane";
import { DEFAULT_UNAVAILABLE_MESSAGE } from "../src/plugin-config";
import { CONTEXT_HEADER, encodeContext, startRelay, type Relay } from "../src/relay";
import { UsageSpool } from "../src/spool";

const db = getDb(process.env.DATABASE_URL!);
const TEXT = "Olá! Ação ✓ — 日本語のテキスト 🎉👩‍👩‍👧 ".repeat(6);
const TOOL = '[[tool:session_status {"verbose":true,"note":"ção 🎉"}]]';

let fake: FakeLlm;
let fx: GatewayFixture;
let hot: HotStore;
let engine: GatewayEngine;
let server: ApiServer;
let relay: Relay;
let dir: string;

beforeAll(async () => {
  fake = await startFakeLlm({ chunkDelayMs: 1, sliceBytes: 7 });
  const encryptionKey = parseEncryptionKey(process.env.BAAS_ENCRYPTION_KEY!);
  fx = await createGatewayFixture(db, { llmUrl: fake.url, encryptionKey, currency: "USD" });
  hot = await createRedisHotStore({ url: process.env.REDIS_URL!, prefix: `test:bytes:${randomUUID()}:` });
  engine = createGatewayEngine({ db, hot, encryptionKey, accountNamePrefix: fx.accountPrefix, configTtlMs: 0, notifier: { notify: () => undefined } });
  server = await startApiServer({ services: { db, gateway: engine } });
  dir = mkdtempSync(join(tmpdir(), "baas-bytes-"));
  const spool = new UsageSpool(join(dir, "usage-spool.jsonl"));
  relay = await startRelay({
    controlPlane: createControlPlane({ url: server.trpcUrl, instanceKey: fx.instanceKey }),
    config: { failMode: "failClosed", unavailableMessage: DEFAULT_UNAVAILABLE_MESSAGE, connectTimeoutMs: 10_000 },
    spool: () => spool,
  });
}, 60_000);

afterAll(async () => {
  await relay?.close();
  await server?.close();
  await hot?.clear().catch(() => undefined);
  await engine?.close();
  await fake?.close();
  if (fx) {
    await db.subscription.deleteMany({ where: { tenantId: fx.tenant.id } });
    await db.tenant.delete({ where: { id: fx.tenant.id } }).catch(() => undefined);
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The host's model call through the relay, read as raw bytes; and the bytes the fake wrote for it. */
async function hostCall(provider: "anthropic" | "openai", body: Record<string, unknown>) {
  const callId = `bytes-${randomUUID()}:model:0`;
  const context = { agentId: "lobo", sessionKey: "agent:lobo:whatsapp:group:120363555@g.us", runId: "bytes", callId };
  const auth: Record<string, string> = provider === "anthropic" ? { "x-api-key": relay.token } : { authorization: `Bearer ${relay.token}` };
  const before = fake.requests.length;
  const res = await fetch(`${relay.url}${provider === "anthropic" ? "/v1/messages" : "/v1/chat/completions"}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth, [CONTEXT_HEADER]: encodeContext(context) },
    body: JSON.stringify({ ...body, stream: true }),
  });
  expect(res.status).toBe(200);
  const received = Buffer.from(await res.arrayBuffer());
  const upstream = fake.requests.slice(before);
  expect(upstream).toHaveLength(1);
  const rows = await db.usageEvent.findMany({ where: { tenantId: fx.tenant.id, idempotencyKey: { startsWith: callId } } });
  return { received, sent: upstream[0]!.sent!, upstreamBody: upstream[0]!.body as Record<string, unknown>, rows };
}

const anthropic = (content: string, extra: Record<string, unknown> = {}) => ({ model: "claude-sonnet-4-5", max_tokens: 2000, messages: [{ role: "user", content }], ...extra });
const openai = (content: string, extra: Record<string, unknown> = {}) => ({ model: "gpt-4o-mini", messages: [{ role: "user", content }], ...extra });
const tools = { anthropic: [{ name: "session_status", description: "status", input_schema: { type: "object", properties: {} } }], openai: [{ type: "function", function: { name: "session_status", parameters: { type: "object", properties: {} } } }] };

describe("the host receives the provider's bytes unchanged", () => {
  it("Anthropic: a text answer with multi-byte characters cut across reads", async () => {
    fake.setReply(() => ({ text: TEXT, deltas: 9 }));
    const r = await hostCall("anthropic", anthropic("oi"));
    fake.setReply(null);
    expect(r.sent.toString("utf8")).toContain("日本語");
    expect(r.received.equals(r.sent)).toBe(true);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ status: "OK", streaming: true });
  });

  it("Anthropic: thinking, then a tool call", async () => {
    const r = await hostCall("anthropic", anthropic(`please ${TOOL}`, { thinking: { type: "enabled", budget_tokens: 1024 }, tools: tools.anthropic }));
    const sent = r.sent.toString("utf8");
    for (const kind of ["thinking_delta", "signature_delta", "input_json_delta", '"stop_reason":"tool_use"']) expect(sent).toContain(kind);
    expect(r.received.equals(r.sent)).toBe(true);
    expect(r.rows).toHaveLength(1);
  });

  it("OpenAI: a text answer whose caller asked for the usage chunk", async () => {
    fake.setReply(() => ({ text: TEXT, deltas: 9 }));
    const r = await hostCall("openai", openai("oi", { stream_options: { include_usage: true } }));
    fake.setReply(null);
    expect(r.sent.toString("utf8")).toMatch(/"choices":\[\],"usage":\{/);
    expect(r.received.equals(r.sent)).toBe(true);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.outputTokens).toBeGreaterThan(0);
  });

  it("OpenAI: tool calls", async () => {
    const r = await hostCall("openai", openai(`please ${TOOL}`, { tools: tools.openai, stream_options: { include_usage: true } }));
    const sent = r.sent.toString("utf8");
    expect(sent).toContain('"tool_calls":[{"index":0,"id":"call_fake');
    expect(sent).toContain('"finish_reason":"tool_calls"');
    expect(r.received.equals(r.sent)).toBe(true);
    expect(r.rows).toHaveLength(1);
  });
});

/** The fake writes LF-framed events: its frames, split without any parser. */
const framesOf = (text: string) => text.split(/(?<=\n\n)/);

describe("where the gateway changes the stream on purpose", () => {
  it("OpenAI, caller did not ask for usage: the gateway asks for it, charges it, and takes out exactly that chunk", async () => {
    const r = await hostCall("openai", openai("oi"));
    expect(r.upstreamBody.stream_options).toEqual({ include_usage: true });
    const frames = framesOf(r.sent.toString("utf8"));
    const usageFrame = frames.filter((f) => f.startsWith('data: {') && (JSON.parse(f.slice(6)) as { choices: unknown[] }).choices.length === 0);
    expect(usageFrame).toHaveLength(1);
    const expected = frames.filter((f) => f !== usageFrame[0]).join("");
    expect(r.received.toString("utf8")).toBe(expected);
    expect(Buffer.from(expected, "utf8").length).toBe(r.sent.length - Buffer.byteLength(usageFrame[0]!));
    const usage = (JSON.parse(usageFrame[0]!.slice(6)) as { usage: { completion_tokens: number } }).usage;
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.outputTokens).toBe(usage.completion_tokens);
  });

  it("a branded plan: three frames with the line, just before message_delta; every other byte as sent", async () => {
    const tier = await db.tier.create({ data: { key: `bytes-${randomUUID().slice(0, 8)}`, name: "Branded", priceMonthlyMinor: 0, defaultModel: "claude-sonnet-4-5", allowedModels: ["claude-sonnet-4-5", "gpt-4o-mini"], branding: true } });
    await db.subscription.create({ data: { tenantId: fx.tenant.id, tierId: tier.id } });
    try {
      fake.setReply(() => ({ text: TEXT, deltas: 9 }));
      const r = await hostCall("anthropic", anthropic("oi"));
      fake.setReply(null);
      const frames = framesOf(r.sent.toString("utf8"));
      const at = frames.findIndex((f) => f.startsWith("event: message_delta\n"));
      const line = "\\n\\n— Answered with BaaS (free plan)";
      const branding =
        'event: content_block_start\ndata: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}\n\n' +
        `event: content_block_delta\ndata: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"${line}"}}\n\n` +
        'event: content_block_stop\ndata: {"type":"content_block_stop","index":1}\n\n';
      expect(at).toBeGreaterThan(0);
      expect(r.received.toString("utf8")).toBe([...frames.slice(0, at), branding, ...frames.slice(at)].join(""));
      expect(r.rows).toHaveLength(1);
    } finally {
      await db.subscription.deleteMany({ where: { tenantId: fx.tenant.id } });
      await db.tier.delete({ where: { id: tier.id } });
    }
  });
});

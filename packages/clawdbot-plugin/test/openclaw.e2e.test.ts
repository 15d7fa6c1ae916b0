/**
 * The plugin inside a real OpenClaw gateway: the control plane (startApiServer + the real gateway
 * engine on PostgreSQL/Redis) and the testkit's fake Anthropic upstream on loopback, two agents,
 * turns in two WhatsApp groups and a DM sent through `openclaw agent --session-key`.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "@baas/api";
import { getDb, parseEncryptionKey } from "@baas/db";
import { createGatewayEngine, createRedisHotStore, type GatewayEngine, type HotStore } from "@baas/gateway";
import { createGatewayFixture, type GatewayFixture } from "@baas/gateway/testing";
import { startFakeLlm, type FakeLlm } from "@baas/testkit";
import { DEFAULT_UNAVAILABLE_MESSAGE } from "../src/plugin-config";
import { PROVIDER_ENTRIES } from "../src/provision";
import { PACKAGE_DIR, startOpenClaw, type OpenClawHost } from "./openclaw-host";

const db = getDb(process.env.DATABASE_URL!);
const encryptionKey = parseEncryptionKey(process.env.BAAS_ENCRYPTION_KEY!);
const GROUP_A = `120363${Date.now()}01@g.us`;
const GROUP_B = `120363${Date.now()}02@g.us`;
const DM_PEER = "+5511987650001";
const keyA = `agent:lobo:whatsapp:group:${GROUP_A}`;
const keyB = `agent:coruja:whatsapp:group:${GROUP_B}`;
const keyDm = `agent:lobo:whatsapp:direct:${DM_PEER}`;
/** An agent on an OpenAI model, and a group where a turn runs a tool. */
const GROUP_C = `120363${Date.now()}03@g.us`;
const GROUP_T = `120363${Date.now()}04@g.us`;
const keyC = `agent:pardal:whatsapp:group:${GROUP_C}`;
const keyTool = `agent:lobo:whatsapp:group:${GROUP_T}`;
/** The fake answers every call with this, in many small SSE chunks, so streaming is exercised. */
const answerFor = (q: string) => `Answer ${q}: the quick brown fox jumps over the lazy dog, twelve times, and then it rests; ${"ok ".repeat(40).trim()}.`;

let fake: FakeLlm;
/**
 * The bypass detector: the host's own anthropic and openai providers point here, with keys of
 * their own. A model call that escaped BaaS would land here; no scenario may make one.
 */
let detector: FakeLlm;
const HOST_OWN_PROVIDERS = () => ({
  anthropic: { baseUrl: detector.url, api: "anthropic-messages", apiKey: "host-own-anthropic-key", models: [] },
  openai: { baseUrl: `${detector.url}/v1`, api: "openai-completions", apiKey: "host-own-openai-key", models: [] },
});
let fx: GatewayFixture;
let hot: HotStore;
let engine: GatewayEngine;
let server: ApiServer;
let host: OpenClawHost;
let dir: string;
let baseConfig: (failMode: string, withProvider: boolean) => Record<string, unknown>;
const started = Date.now();

const allUsageRows = () =>
  db.usageEvent.findMany({ where: { tenantId: fx.tenant.id }, include: { agent: true, channel: true, upstreamAccount: true }, orderBy: { occurredAt: "asc" } });
/**
 * The host's utility calls (activity recaps after turns) run in the background, whenever the
 * host schedules them, under call ids of their own: the turn assertions leave them out.
 */
const isUtilityRow = (r: { idempotencyKey: string }) => /^(utility|call):/.test(r.idempotencyKey);
const usageRows = async () => (await allUsageRows()).filter((r) => !isUtilityRow(r));
const isUtilityCall = (q: { body: unknown }) => JSON.stringify(q.body).includes("Activity recap");
const turnCalls = () => fake.requests.filter((q) => !isUtilityCall(q));

beforeAll(async () => {
  execFileSync(process.execPath, [join(PACKAGE_DIR, "scripts", "build.mjs")], { stdio: "ignore" });
  fake = await startFakeLlm({ chunkDelayMs: 2 });
  detector = await startFakeLlm();
  fake.setReply((ctx) => {
    // After the host ran the read tool: answer from the file's content, as a model would.
    const word = JSON.stringify(ctx.body.messages).match(/the secret word is ([a-z]+-\d+)/)?.[1];
    if (word) return { text: `The notes say the secret word is ${word}.` };
    // The newest question in the conversation (earlier turns of the session are in the history).
    const q = [...JSON.stringify(ctx.body.messages).matchAll(/\[q:([a-z0-9-]+)\]/g)].at(-1)?.[1];
    return q ? { text: answerFor(q) } : undefined;
  });
  fx = await createGatewayFixture(db, { llmUrl: fake.url, encryptionKey, currency: "USD" });
  hot = await createRedisHotStore({ url: process.env.REDIS_URL!, prefix: `test:plugin-e2e:${randomUUID()}:` });
  engine = createGatewayEngine({ db, hot, encryptionKey, accountNamePrefix: fx.accountPrefix, upstreamTimeoutMs: 5_000, configTtlMs: 0, notifier: { notify: () => undefined } });
  server = await startApiServer({ services: { db, gateway: engine } });
  dir = mkdtempSync(join(tmpdir(), "baas-openclaw-e2e-"));
  let gatewayPort = 0;
  let gatewayToken = "";
  // The operator's config holds only the plugin entry; the plugin adds models.providers.baas itself.
  baseConfig = (failMode, withProvider) => ({
    models: { mode: "merge", providers: { ...HOST_OWN_PROVIDERS(), ...(withProvider ? PROVIDER_ENTRIES : {}) } },
    agents: {
      defaults: { model: "anthropic/claude-sonnet-4-5", workspace: join(dir, "ws") },
      ownership: "explicit",
      entries: { lobo: { identity: { name: "Lobo", emoji: "🐺" } }, coruja: { identity: { name: "Coruja", emoji: "🦉" }, model: "baas/claude-sonnet-4-5" },
        pardal: { identity: { name: "Pardal", emoji: "🐦" }, model: "openai/gpt-4o-mini" },
      },
    },
    plugins: {
      load: { paths: [PACKAGE_DIR] },
      entries: {
        baas: {
          enabled: true,
          hooks: { allowConversationAccess: true },
          config: {
            gatewayUrl: server.trpcUrl,
            instanceKey: fx.instanceKey,
            failMode,
            fallback: { baseUrl: fake.url, apiKey: "fallback-key" },
            openaiFallback: { baseUrl: `${fake.url}/v1`, apiKey: "openai-fallback-key" },
            heartbeatSec: 2,
            spoolReplaySec: 2,
            configPollMs: 2000,
            connectTimeoutMs: 3000,
            preflightTimeoutMs: 3000,
          },
        },
      },
    },
    gateway: { mode: "local", port: gatewayPort, bind: "loopback", auth: { mode: "token", token: gatewayToken } },
  });
  host = await startOpenClaw(dir, (port, token) => {
    gatewayPort = port;
    gatewayToken = token;
    return baseConfig("failClosed", false);
  });
  try {
    await host.waitForLog(/added models\.providers\.baas/, 60_000);
  } catch (e) {
    await host.stop();
    throw e;
  }
}, 200_000);

afterAll(async () => {
  await host?.stop();
  await server?.close();
  await hot?.clear();
  await engine?.close();
  await fake?.close();
  await detector?.close();
  if (fx) await db.tenant.delete({ where: { id: fx.tenant.id } }).catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
  console.log(`[plugin e2e] whole file took ${Math.round((Date.now() - started) / 1000)} s`);
}, 60_000);

/** What the host said, and the tail of its log, for a turn that did not go as expected. */
const whyNot = (r: { json: unknown }) => `${JSON.stringify(r.json).slice(0, 1500)}\n--- host log tail ---\n${host.log().slice(-2500)}`;

// A turn of the real host has come back empty under full-suite load in 2 of ~8 runs, cause not yet
// found (each turn prints the host's answer and log tail when it happens): retried, not hidden.
describe("the BaaS plugin inside a real OpenClaw gateway", { retry: 2 }, () => {
  it("routes two agents' turns in two groups and a DM through the gateway, streamed intact and attributed", async () => {
    const [a, b, d] = await Promise.all([
      host.turn(keyA, "hello group A [q:ga1]"),
      host.turn(keyB, "hello group B [q:gb1]"),
      host.turn(keyDm, "hello in private [q:dm1]"),
    ]);
    expect(a.text).toBe(answerFor("ga1"));
    expect(b.text).toBe(answerFor("gb1"));
    expect(d.text).toBe(answerFor("dm1"));
    // Every call reached the upstream through the gateway, on the first Max account, never directly.
    expect(turnCalls().filter((q) => q.credential === fx.accounts.max1.credential)).toHaveLength(3);
    expect(fake.countFor("fallback-key")).toBe(0);
    const rows = await usageRows();
    expect(rows).toHaveLength(3);
    const byAgentChannel = rows.map((r) => [r.agent?.externalId, r.channel?.provider, r.channel?.peerKind, r.channel?.externalId, r.instanceId]).sort();
    expect(byAgentChannel).toEqual(
      [
        ["coruja", "whatsapp", "GROUP", GROUP_B, fx.instance.id],
        ["lobo", "whatsapp", "DM", DM_PEER, fx.instance.id],
        ["lobo", "whatsapp", "GROUP", GROUP_A, fx.instance.id],
      ].sort(),
    );
    for (const r of rows) {
      expect(r.outputTokens).toBeGreaterThan(0);
      expect(r.costListUsdMicros).toBeGreaterThan(0n);
      // The host's call id, made unique per request by the relay (a host retry is a new upstream call).
      expect(r.idempotencyKey).toMatch(/:model:1#[0-9a-f]{8}$/);
    }
  }, 200_000);

  it("routes an agent on an OpenAI model through the gateway's OpenAI path, attributed", async () => {
    const before = turnCalls().length;
    const r = await host.turn(keyC, "hello from the sparrow [q:pc1]");
    expect(r.text, whyNot(r)).toBe(answerFor("pc1"));
    expect(r.json.result?.meta?.agentMeta?.provider).toBe("baas-openai");
    // Reached the fake's Chat Completions endpoint with the gateway's OpenAI account, nothing else.
    expect(turnCalls().slice(before).map((q) => [q.path, q.credential])).toEqual([["/v1/chat/completions", fx.accounts.openai.credential]]);
    const row = (await usageRows()).find((x) => x.agent?.externalId === "pardal")!;
    expect(row).toMatchObject({ provider: "OPENAI", model: "gpt-4o-mini", source: "GATEWAY" });
    expect(row.channel).toMatchObject({ provider: "whatsapp", peerKind: "GROUP", externalId: GROUP_C });
    expect(row.upstreamAccount?.id).toBe(fx.accounts.openai.id);
    expect(row.outputTokens).toBeGreaterThan(0);
    expect(row.costListUsdMicros).toBeGreaterThan(0n);
    expect(row.idempotencyKey).toMatch(/:model:1#[0-9a-f]{8}$/);
  }, 120_000);

  it("runs a tool loop inside the host: both model calls of the turn go through the gateway", async () => {
    const notes = join(dir, "ws", "baas-notes.txt");
    writeFileSync(notes, "the secret word is heron-7731\n");
    const before = turnCalls().length;
    // The fake answers the first call with a tool_use of OpenClaw's built-in read tool (a file in the temp workspace).
    const r = await host.turn(keyTool, `what do my notes say? [[tool:read {"path":"${notes}"}]]`);
    const calls = turnCalls().slice(before);
    expect(calls.map((q) => q.credential), whyNot(r)).toEqual([fx.accounts.max1.credential, fx.accounts.max1.credential]);
    // The second call carries the host's tool result for the first call's tool_use.
    const second = calls[1]!.body as { messages: Array<{ role: string; content: unknown }> };
    const toolUse = second.messages.flatMap((m) => (m.role === "assistant" && Array.isArray(m.content) ? m.content : [])).find((b: any) => b.type === "tool_use") as any;
    const toolResult = second.messages.flatMap((m) => (m.role === "user" && Array.isArray(m.content) ? m.content : [])).find((b: any) => b.type === "tool_result") as any;
    expect(toolUse).toMatchObject({ name: "read", input: { path: notes } });
    expect(toolResult).toMatchObject({ tool_use_id: toolUse.id });
    expect(toolResult.is_error ?? false).toBe(false);
    expect(JSON.stringify(toolResult.content)).toContain("heron-7731");
    // The second call's answer, built from the tool's output, is the agent's reply.
    expect(r.text).toBe("The notes say the secret word is heron-7731.");
    const rows = (await usageRows()).filter((x) => x.channel?.externalId === GROUP_T);
    expect(rows).toHaveLength(2);
    const runId = rows[0]!.runId;
    expect(runId).toBeTruthy();
    expect(rows.map((x) => [x.agent?.externalId, x.runId, x.idempotencyKey.replace(/#[0-9a-f]{8}$/, "")]).sort()).toEqual([
      ["lobo", runId, `${runId}:model:1`],
      ["lobo", runId, `${runId}:model:2`],
    ]);
  }, 120_000);

  it("installs with one config entry: the plugin added its providers to the host config itself", () => {
    const onDisk = JSON.parse(readFileSync(join(dir, "openclaw.json"), "utf8"));
    expect(onDisk.models.providers.baas).toMatchObject({ api: "anthropic-messages" });
    expect(onDisk.models.providers["baas-openai"]).toMatchObject({ api: "openai-completions" });
  });

  it("reports itself: heartbeat with versions and the agents it runs", async () => {
    const inst = await db.instance.findUniqueOrThrow({ where: { id: fx.instance.id } });
    expect(inst.lastSeenAt).toBeInstanceOf(Date);
    expect(inst.pluginVersion).toBe("0.1.0");
    expect(inst.hostVersion).toMatch(/^2026\./);
    const agents = await db.agent.findMany({ where: { tenantId: fx.tenant.id }, orderBy: { externalId: "asc" } });
    expect(agents.map((x) => [x.externalId, x.name, x.emoji])).toEqual([["coruja", "Coruja", "🦉"], ["lobo", "Lobo", "🐺"], ["pardal", "Pardal", "🐦"]]);
  });

  it("config sync: applies a revision through the host's own config (hot), acks it, and never applies a bad one", async () => {
    const good = {
      agents: { ownership: "explicit", entries: { lobo: { identity: { name: "Lobo Mau", emoji: "🐺" }, model: "baas/claude-sonnet-4-5", groupChat: { mentionPatterns: ["@lobo"] } }, coruja: { identity: { name: "Coruja", emoji: "🦉" } } } },
      bindings: [],
      channels: {},
    };
    const r1 = await db.configRevision.create({ data: { tenantId: fx.tenant.id, instanceId: fx.instance.id, version: 1, config: good, hash: `h1-${randomUUID()}` } });
    const waitStatus = async (id: string) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const row = await db.configRevision.findUniqueOrThrow({ where: { id } });
        if (row.status !== "PENDING" || Date.now() > deadline) return row;
        await new Promise((x) => setTimeout(x, 300));
      }
    };
    expect((await waitStatus(r1.id)).status).toBe("APPLIED");
    const applied = JSON.parse(readFileSync(join(dir, "openclaw.json"), "utf8"));
    expect(applied.agents.entries.lobo).toMatchObject({ identity: { name: "Lobo Mau" }, model: "baas/claude-sonnet-4-5", groupChat: { mentionPatterns: ["@lobo"] } });
    const inst = await db.instance.findUniqueOrThrow({ where: { id: fx.instance.id } });
    expect(inst.appliedRevisionId).toBe(r1.id);
    expect(inst.appliedHostHash).toBeTruthy();

    const bad = { ...good, bindings: [{ agentId: "ghost", match: { channel: "whatsapp" } }] };
    const r2 = await db.configRevision.create({ data: { tenantId: fx.tenant.id, instanceId: fx.instance.id, version: 2, config: bad, hash: `h2-${randomUUID()}` } });
    const failed = await waitStatus(r2.id);
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toContain("ghost");
    expect(JSON.parse(readFileSync(join(dir, "openclaw.json"), "utf8")).bindings ?? []).toEqual(applied.bindings ?? []);
    expect((await db.instance.findUniqueOrThrow({ where: { id: fx.instance.id } })).appliedRevisionId).toBe(r1.id);
  }, 60_000);

  it("with the group's budget used up, the next turn gets the budget sentence and calls no model", async () => {
    const channel = await db.channel.findFirstOrThrow({ where: { tenantId: fx.tenant.id, externalId: GROUP_B } });
    await db.budget.create({ data: { tenantId: fx.tenant.id, scope: "CHANNEL", channelId: channel.id, name: "Group B", period: "MONTHLY", currency: "USD", limitMoneyMicros: 1n, action: "BLOCK" } });
    const upstreamBefore = turnCalls().length;
    const rowsBefore = (await usageRows()).length;
    const r = await host.turn(keyB, "one more [q:gb2]");
    expect(r.text).toMatch(/budget/i);
    expect(r.text).not.toContain("Answer gb2");
    expect(turnCalls().length).toBe(upstreamBefore);
    expect((await usageRows()).length).toBe(rowsBefore);
  }, 120_000);

  it("with Max #1 failing, the turn still succeeds on Max #2", async () => {
    fake.setFault(fx.accounts.max1.credential, { status: 529 });
    const r = await host.turn(keyA, "are you there [q:ga2]");
    fake.setFault(fx.accounts.max1.credential, null);
    expect(r.text, whyNot(r)).toBe(answerFor("ga2"));
    const last = (await usageRows()).at(-1)!;
    expect(last.upstreamAccount?.id).toBe(fx.accounts.max2.id);
    expect(last.fallbackPath.length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it("control plane down, fail-closed: the chat gets the 'temporarily unavailable' sentence", async () => {
    await server.close();
    const before = turnCalls().length;
    const r = await host.turn(keyA, "anyone? [q:ga3]");
    expect(r.text).toBe(DEFAULT_UNAVAILABLE_MESSAGE);
    expect(turnCalls().length).toBe(before);
  }, 120_000);

  it("control plane down, fail-open: answers directly, spools, and replays exactly once after restart", async () => {
    const mark = host.log().length;
    host.writeConfig(baseConfig("failOpen", true));
    await host.waitForLog(/\[baas\] routing all agents .*\(failOpen\)/, 60_000, mark);
    const r = await host.turn(keyA, "still there? [q:ga4]");
    expect(r.text, whyNot(r)).toBe(answerFor("ga4"));
    expect(turnCalls().filter((q) => q.credential === "fallback-key")).toHaveLength(1);
    const spoolFile = join(dir, "state", "plugins", "baas", "usage-spool.jsonl");
    const spooled = readFileSync(spoolFile, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { eventId: string; context: { agentId: string } }).filter((e) => e.context.agentId !== "_instance");
    expect(spooled).toHaveLength(1);
    const eventId = spooled[0]!.eventId;

    server = await startApiServer({ services: { db, gateway: engine }, port: server.port });
    const deadline = Date.now() + 30_000;
    while (!(await db.usageEvent.findFirst({ where: { idempotencyKey: eventId } })) && Date.now() < deadline) await new Promise((x) => setTimeout(x, 500));
    const row = await db.usageEvent.findFirstOrThrow({ where: { idempotencyKey: eventId }, include: { agent: true, channel: true } });
    expect(row).toMatchObject({ source: "SPOOLED", tenantId: fx.tenant.id });
    expect(row.agent?.externalId).toBe("lobo");
    expect(row.channel?.externalId).toBe(GROUP_A);
    // A few more replay periods: the spool is empty and the call is counted once.
    await new Promise((x) => setTimeout(x, 5_000));
    expect(existsSync(spoolFile) ? readFileSync(spoolFile, "utf8").trim() : "").toBe("");
    expect(await db.usageEvent.count({ where: { idempotencyKey: eventId } })).toBe(1);
  }, 150_000);

  it("the host's utility calls (activity recaps) went through BaaS on the routed utility models, each attributed to the agent and chat it recaps", async () => {
    const onDisk = JSON.parse(readFileSync(join(dir, "openclaw.json"), "utf8"));
    expect(onDisk.agents.defaults.utilityModel, host.log().split("\n").filter((l) => l.includes("[baas]") || l.includes("plugin")).join("\n")).toBe("baas/claude-haiku-4-5");
    expect(onDisk.agents.entries.pardal.utilityModel).toBe("baas-openai/gpt-4o-mini");
    // Recaps follow turns in the background: wait for both utility models to have been used.
    const deadline = Date.now() + 60_000;
    let rows = (await allUsageRows()).filter(isUtilityRow);
    while (new Set(rows.map((r) => r.model)).size < 2 && Date.now() < deadline) {
      await new Promise((x) => setTimeout(x, 500));
      rows = (await allUsageRows()).filter(isUtilityRow);
    }
    expect([...new Set(rows.map((r) => r.model))].sort()).toEqual(["claude-haiku-4-5", "gpt-4o-mini"]);
    // A recap quotes its session's messages: it is charged to that agent and chat.
    const chats: Record<string, string[]> = { lobo: [GROUP_A, DM_PEER, GROUP_T], coruja: [GROUP_B], pardal: [GROUP_C] };
    const where = rows.map((r) => [r.model, r.agent?.externalId ?? null, r.channel?.externalId ?? null] as const);
    expect(where.filter(([, agent, chat]) => !agent || !chat || !chats[agent]?.includes(chat)), JSON.stringify(where)).toEqual([]);
    expect(rows.every((r) => r.instanceId === fx.instance.id)).toBe(true);
    const recaps = fake.requests.filter(isUtilityCall);
    expect(recaps.length).toBeGreaterThanOrEqual(rows.length);
    const ours = new Set(Object.values(fx.accounts).map((a) => a.credential));
    expect(recaps.filter((q) => !ours.has(q.credential) && q.credential !== "fallback-key")).toEqual([]);
  }, 90_000);

  it("the bypass detector saw no model call in any scenario: everything went through BaaS", () => {
    const escaped = detector.requests.map((q) => `${q.path} ${q.credential} ${JSON.stringify(q.body).slice(0, 300)}`);
    expect(escaped).toEqual([]);
  });
});

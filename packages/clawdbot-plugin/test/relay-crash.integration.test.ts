/**
 * The control plane dies (SIGKILL, an OS process of its own) or its connection drops while the
 * relay is streaming answers to the host. The host, driven by the real Anthropic SDK the way
 * OpenClaw's transport is, still gets a complete answer that ends with a sentence instead of a
 * failed run; and every call the upstream served is recorded exactly once, by the gateway or by
 * the relay's spool replayed after the restart. Counted in PostgreSQL against the calls the fake
 * upstream saw, not against what the host was told.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, parseEncryptionKey } from "@baas/db";
import { createGatewayFixture, type GatewayFixture } from "@baas/gateway/testing";
import { startFakeLlm, startTcpProxy, type FakeLlm, type TcpProxy } from "@baas/testkit";
import { createControlPlane, type ControlPlane } from "../src/control-plane";
import { DEFAULT_UNAVAILABLE_MESSAGE, INTERRUPTED_MESSAGE } from "../src/plugin-config";
import { CONTEXT_HEADER, encodeContext, startRelay, type Relay } from "../src/relay";
import { UsageSpool } from "../src/spool";
import { freePort, PACKAGE_DIR } from "./openclaw-host";

const db = getDb(process.env.DATABASE_URL!);
const GROUP = `120363${Date.now()}77@g.us`;
const CHILD = join(PACKAGE_DIR, "..", "api", "src", "gateway", "testing", "gateway-child.ts");
/** 300 deltas 20 ms apart (6 s): every kill, made at the first text, lands mid-answer even on a loaded machine. */
const LONG = Array.from({ length: 300 }, (_, i) => `w${i}`).join(" ");

let fake: FakeLlm;
let fx: GatewayFixture;
let dir: string;
let spool: UsageSpool;
let port: number;
let child: ChildProcess | null = null;
const prefix = `test:relay-crash:${randomUUID()}:`;
const sent: string[] = [];

async function startGatewayProcess(): Promise<void> {
  const p = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", "--import", "tsx", CHILD], {
    env: { ...process.env, CHILD_PREFIX: prefix, CHILD_ACCOUNT_PREFIX: fx.accountPrefix, CHILD_PORT: String(port), CHILD_LEASE_MS: "2000" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await once(p.stdout!, "data");
  child = p;
}

async function killGatewayProcess(): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  await exited;
}

function relayFor(url: string): Promise<Relay> {
  return startRelay({
    controlPlane: createControlPlane({ url, instanceKey: fx.instanceKey }),
    config: { failMode: "failClosed", unavailableMessage: DEFAULT_UNAVAILABLE_MESSAGE, connectTimeoutMs: 5_000 },
    spool: () => spool,
  });
}

/** One host model call through the relay; resolves `started` at the first text, `done` with the final message. */
function ask(relay: Relay, label: string) {
  const runId = `run-${label}-${randomUUID().slice(0, 8)}`;
  const callId = `${runId}:model:1`;
  sent.push(callId);
  const context = { agentId: "lobo", sessionKey: `agent:lobo:whatsapp:group:${GROUP}`, channel: "whatsapp", peerKind: "group" as const, peerId: GROUP, runId, callId };
  const client = new Anthropic({ baseURL: relay.url, apiKey: relay.token, maxRetries: 0 });
  const s = client.messages.stream(
    { model: "claude-sonnet-4-5", max_tokens: 2048, messages: [{ role: "user", content: `tell me everything [${label}]` }] },
    { headers: { [CONTEXT_HEADER]: encodeContext(context) } },
  );
  const started = new Promise<void>((r) => s.once("text", () => r()));
  return { started, done: s.finalMessage() };
}

const textOf = (m: Anthropic.Message) => m.content.map((b) => (b.type === "text" ? b.text : "")).join("");

/** Replays the spool the way the plugin's reporter does, once the control plane is back. */
async function replay(cp: ControlPlane) {
  return spool.replay((events) => cp.reportUsage(events));
}

beforeAll(async () => {
  fake = await startFakeLlm({ chunkDelayMs: 20 });
  fake.setReply(() => ({ text: LONG, deltas: 300 }));
  fx = await createGatewayFixture(db, { llmUrl: fake.url, encryptionKey: parseEncryptionKey(process.env.BAAS_ENCRYPTION_KEY!), currency: "USD" });
  dir = mkdtempSync(join(tmpdir(), "baas-relay-crash-"));
  spool = new UsageSpool(join(dir, "usage-spool.jsonl"));
  port = await freePort();
  await startGatewayProcess();
}, 60_000);

afterAll(async () => {
  await killGatewayProcess();
  await fake?.close();
  if (fx) await db.tenant.delete({ where: { id: fx.tenant.id } }).catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the control plane goes away in the middle of streamed answers", () => {
  it("killed four times with three answers in flight: each answer ends with the sentence, 0 usage lost, 0 doubled", async () => {
    const url = `http://127.0.0.1:${port}/api/trpc`;
    const relay = await relayFor(url);
    const cp = createControlPlane({ url, instanceKey: fx.instanceKey });
    let spooled = 0;
    for (let round = 0; round < 4; round++) {
      const calls = [0, 1, 2].map((i) => ask(relay, `k${round}-${i}`));
      await Promise.all(calls.map((c) => c.started));
      await killGatewayProcess();
      for (const m of await Promise.all(calls.map((c) => c.done))) {
        expect(m.stop_reason).toBe("end_turn");
        expect(textOf(m).startsWith("w0 w1")).toBe(true);
        expect(textOf(m).endsWith(INTERRUPTED_MESSAGE)).toBe(true);
        expect(textOf(m).length).toBeLessThan(LONG.length);
      }
      spooled += (await spool.pending()).length;
      await startGatewayProcess();
      const r = await replay(cp);
      expect(r.sent).toBe(3);
    }
    expect(spooled).toBe(12);
    await relay.close();
  }, 120_000);

  it("its connection drops while it lives on: it records the calls itself and the spooled copies are duplicates", async () => {
    const proxy: TcpProxy = await startTcpProxy({ host: "127.0.0.1", port });
    const relay = await relayFor(`http://127.0.0.1:${proxy.port}/api/trpc`);
    const calls = [0, 1, 2].map((i) => ask(relay, `d${i}`));
    await Promise.all(calls.map((c) => c.started));
    await proxy.setMode("drop");
    for (const m of await Promise.all(calls.map((c) => c.done))) expect(textOf(m).endsWith(INTERRUPTED_MESSAGE)).toBe(true);
    await proxy.setMode("pass");
    // The gateway records a call cut off by its caller; wait for those rows before replaying.
    const keys = () => db.usageEvent.count({ where: { tenantId: fx.tenant.id, idempotencyKey: { startsWith: "run-d" } } });
    const deadline = Date.now() + 20_000;
    while ((await keys()) < 3 && Date.now() < deadline) await new Promise((x) => setTimeout(x, 100));
    // It stopped those upstream answers when its caller went away, rather than reading them to the end.
    const cut = await db.usageEvent.findMany({ where: { tenantId: fx.tenant.id, idempotencyKey: { startsWith: "run-d" } } });
    expect(cut.map((r) => r.errorCode)).toEqual(["CANCELLED", "CANCELLED", "CANCELLED"]);
    const r = await replay(createControlPlane({ url: `http://127.0.0.1:${port}/api/trpc`, instanceKey: fx.instanceKey }));
    expect(r).toMatchObject({ sent: 3, accepted: 0, duplicates: 3 });
    await relay.close();
    await proxy.close();
  }, 60_000);

  it("counts, where the data lives: one usage row per upstream call, none lost, none doubled", async () => {
    const upstream = fake.requests.filter((q) => q.path === "/v1/messages").length;
    const rows = await db.usageEvent.findMany({ where: { tenantId: fx.tenant.id }, select: { idempotencyKey: true, source: true, outputTokens: true, agent: { select: { externalId: true } }, channel: { select: { externalId: true } } } });
    expect(upstream).toBe(sent.length);
    expect(rows).toHaveLength(sent.length);
    for (const callId of sent) expect(rows.filter((r) => r.idempotencyKey.startsWith(`${callId}#`))).toHaveLength(1);
    // The calls the killed process never recorded came from the spool, with the tokens the host saw.
    const spooled = rows.filter((r) => r.source === "SPOOLED");
    expect(spooled.length).toBeGreaterThan(0);
    for (const r of spooled) expect(r.outputTokens).toBeGreaterThan(0);
    for (const r of rows) expect([r.agent?.externalId, r.channel?.externalId]).toEqual(["lobo", GROUP]);
    expect(await spool.pending()).toEqual([]);
  });
});

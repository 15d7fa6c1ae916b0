/**
 * Test harness for the gateway router: a fake LLM, a Redis-backed engine in its own key
 * namespace, the API on a loopback port and a fixture tenant, driven through the real tRPC client.
 */
import { spawn as spawnChild, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { createTRPCClient, httpBatchStreamLink, httpLink, splitLink } from "@trpc/client";
import superjson from "superjson";
import { getDb, parseEncryptionKey } from "@baas/db";
import { createGatewayEngine, createRedisHotStore, type GatewayEngine, type GatewayEngineConfig, type HotStore } from "@baas/gateway";
import { createGatewayFixture, type GatewayFixture } from "@baas/gateway/testing";
import { SseParser, type StreamItem } from "@baas/protocol";
import { startFakeLlm, type FakeLlm, type ReplyFn } from "@baas/testkit";
import { startApiServer, type ApiServer } from "../http/node-server";
import type { AppRouter } from "../root";

export interface Harness {
  /** The Redis key namespace this harness's engines share. */
  prefix: string;
  db: ReturnType<typeof getDb>;
  fake: FakeLlm;
  hot: HotStore;
  engine: GatewayEngine;
  server: ApiServer;
  fx: GatewayFixture;
  client: ReturnType<typeof clientFor>;
  clientFor: typeof clientFor;
  /** Another gateway process in all but the OS sense: its own engine, Redis client and server, sharing PostgreSQL and the Redis namespace. */
  spawn(opts?: ProcessOptions): Promise<GatewayProcess>;
  /** Another gateway in an OS process of its own (testing/gateway-child.ts), sharing PostgreSQL and the Redis namespace. */
  spawnProcess(opts?: { leaseMs?: number; redisUrl?: string }): Promise<ChildGateway>;
  close(): Promise<void>;
}

export interface ProcessOptions {
  redisUrl?: string;
  engine?: Partial<GatewayEngineConfig>;
}

export interface ChildGateway {
  client: ReturnType<typeof clientFor>;
  child: ChildProcess;
  close(): Promise<void>;
}

export interface GatewayProcess {
  engine: GatewayEngine;
  hot: HotStore;
  server: ApiServer;
  client: ReturnType<typeof clientFor>;
  close(): Promise<void>;
}

export function clientFor(url: string, key: string) {
  const headers = () => ({ authorization: `Bearer ${key}` });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        // Only the streaming procedure needs the streaming link; the rest stay one request each.
        condition: (op) => op.path === "gateway.stream",
        true: httpBatchStreamLink({ url, transformer: superjson, headers, maxItems: 1 }),
        false: httpLink({ url, transformer: superjson, headers }),
      }),
    ],
  });
}

/** Reads the provider events out of gateway.stream items (SSE text), with the protocol's parser. */
export function eventReader(): (item: StreamItem) => Array<Record<string, any>> {
  const parser = new SseParser();
  return (item) => (item.type === "sse" ? parser.push(item.text).flatMap((e) => (e.json ? [e.json] : [])) : []);
}

export interface HarnessOptions extends ProcessOptions {
  chunkDelayMs?: number;
  latencyMs?: number;
  currency?: string;
  upstreamTimeoutMs?: number;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const db = getDb(process.env.DATABASE_URL!);
  const encryptionKey = parseEncryptionKey(process.env.BAAS_ENCRYPTION_KEY!);
  const fake = await startFakeLlm({ chunkDelayMs: opts.chunkDelayMs ?? 0, latencyMs: opts.latencyMs ?? 0 });
  const fx = await createGatewayFixture(db, { llmUrl: fake.url, encryptionKey, currency: opts.currency ?? "BRL" });
  const prefix = `test:gw:${randomUUID()}:`;
  const spawn = async (p: ProcessOptions = {}): Promise<GatewayProcess> => {
    const hot = await createRedisHotStore({ url: p.redisUrl ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0", prefix });
    const engine = createGatewayEngine({
      db,
      hot,
      encryptionKey,
      accountNamePrefix: fx.accountPrefix,
      upstreamTimeoutMs: opts.upstreamTimeoutMs ?? 5_000,
      configTtlMs: 0,
      notifier: { notify: () => undefined },
      fx: { fallbackRates: { BRL: 5 } },
      // Tests renew often on a shorter lease so that "Redis emptied" waits (one lease) stay short;
      // production defaults are in the engine.
      leaseRenewMs: 100,
      leaseMs: 2_000,
      ...p.engine,
    });
    const server = await startApiServer({ services: { db, gateway: engine } });
    return {
      engine,
      hot,
      server,
      client: clientFor(server.trpcUrl, fx.instanceKey),
      async close() {
        await server.close();
        await engine.close();
      },
    };
  };
  const children: ChildGateway[] = [];
  const spawnProcess = async (p: { leaseMs?: number; redisUrl?: string } = {}): Promise<ChildGateway> => {
    const script = fileURLToPath(new URL("./testing/gateway-child.ts", import.meta.url));
    const child = spawnChild(process.execPath, ["--disable-warning=ExperimentalWarning", "--import", "tsx", script], {
      env: { ...process.env, CHILD_PREFIX: prefix, CHILD_ACCOUNT_PREFIX: fx.accountPrefix, ...(p.redisUrl ? { REDIS_URL: p.redisUrl } : {}), ...(p.leaseMs ? { CHILD_LEASE_MS: String(p.leaseMs), CHILD_RENEW_MS: "100" } : {}) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [line] = (await once(child.stdout!, "data")) as [Buffer];
    const url = (JSON.parse(line.toString()) as { url: string }).url;
    const proc: ChildGateway = {
      client: clientFor(url, fx.instanceKey),
      child,
      async close() {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGKILL");
          await once(child, "exit");
        }
      },
    };
    children.push(proc);
    return proc;
  };
  const first = await spawn(opts);
  const { hot, engine, server } = first;
  const others: GatewayProcess[] = [];
  return {
    prefix,
    spawnProcess,
    spawn: async (p) => {
      const proc = await spawn(p);
      others.push(proc);
      return proc;
    },
    db,
    fake,
    hot,
    engine,
    server,
    fx,
    client: clientFor(server.trpcUrl, fx.instanceKey),
    clientFor,
    async close() {
      await Promise.all([...others, ...children].map((o) => o.close().catch(() => undefined)));
      await server.close();
      await hot.clear().catch(() => undefined);
      await engine.close();
      await fake.close();
    },
  };
}

/** An upstream that honours max_tokens: it writes 90 % of what it may. */
export const honours: ReplyFn = ({ body }) => ({ usage: { output_tokens: Math.floor(Number(body.max_tokens ?? 100) * 0.9) } });

export const ask = (text: string, extra: Record<string, unknown> = {}) => ({
  model: "claude-sonnet-4-5",
  max_tokens: 200,
  messages: [{ role: "user", content: text }],
  ...extra,
});

/** The tRPC error of a rejected promise, for asserting on code and data. */
export async function errorOf(p: Promise<unknown>): Promise<{ message: string; data: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { message: string; data: Record<string, unknown> };
  }
  throw new Error("expected the call to fail");
}

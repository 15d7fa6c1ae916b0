/**
 * Test harness for the gateway router: a fake LLM, a Redis-backed engine in its own key
 * namespace, the API on a loopback port and a fixture tenant, driven through the real tRPC client.
 */
import { randomUUID } from "node:crypto";
import { createTRPCClient, httpBatchStreamLink, httpLink, splitLink } from "@trpc/client";
import superjson from "superjson";
import { getDb, parseEncryptionKey } from "@baas/db";
import { createGatewayEngine, createRedisHotStore, type GatewayEngine, type HotStore } from "@baas/gateway";
import { createGatewayFixture, type GatewayFixture } from "@baas/gateway/testing";
import { startFakeLlm, type FakeLlm } from "@baas/testkit";
import { startApiServer, type ApiServer } from "../http/node-server";
import type { AppRouter } from "../root";

export interface Harness {
  db: ReturnType<typeof getDb>;
  fake: FakeLlm;
  hot: HotStore;
  engine: GatewayEngine;
  server: ApiServer;
  fx: GatewayFixture;
  client: ReturnType<typeof clientFor>;
  clientFor: typeof clientFor;
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

export async function startHarness(opts: { chunkDelayMs?: number; currency?: string; upstreamTimeoutMs?: number } = {}): Promise<Harness> {
  const db = getDb(process.env.DATABASE_URL!);
  const encryptionKey = parseEncryptionKey(process.env.BAAS_ENCRYPTION_KEY!);
  const fake = await startFakeLlm({ chunkDelayMs: opts.chunkDelayMs ?? 0 });
  const fx = await createGatewayFixture(db, { llmUrl: fake.url, encryptionKey, currency: opts.currency ?? "BRL" });
  const hot = await createRedisHotStore({ url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0", prefix: `test:gw:${randomUUID()}:` });
  const engine = createGatewayEngine({
    db,
    hot,
    encryptionKey,
    accountNamePrefix: fx.accountPrefix,
    upstreamTimeoutMs: opts.upstreamTimeoutMs ?? 5_000,
    configTtlMs: 0,
    notifier: { notify: () => undefined },
    fx: { fallbackRates: { BRL: 5 } },
  });
  const server = await startApiServer({ services: { db, gateway: engine } });
  return {
    db,
    fake,
    hot,
    engine,
    server,
    fx,
    client: clientFor(server.trpcUrl, fx.instanceKey),
    clientFor,
    async close() {
      await server.close();
      await hot.clear();
      await engine.close();
      await fake.close();
    },
  };
}

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

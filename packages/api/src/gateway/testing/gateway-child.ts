/**
 * A gateway in a process of its own, for tests that kill one mid-call (SIGKILL): engine, Redis
 * client and API server on loopback, configured from the environment the test passes. Prints
 * `{"url": …}` on stdout once it listens.
 */
import { getDb, parseEncryptionKey } from "@baas/db";
import { createGatewayEngine, createRedisHotStore } from "@baas/gateway";
import { startApiServer } from "../../http/node-server";

const env = process.env;
const db = getDb(env.DATABASE_URL!);
const hot = await createRedisHotStore({ url: env.REDIS_URL!, prefix: env.CHILD_PREFIX! });
const engine = createGatewayEngine({
  db,
  hot,
  encryptionKey: parseEncryptionKey(env.BAAS_ENCRYPTION_KEY!),
  accountNamePrefix: env.CHILD_ACCOUNT_PREFIX!,
  configTtlMs: 0,
  upstreamTimeoutMs: 60_000,
  notifier: { notify: () => undefined },
  fx: { fallbackRates: { BRL: 5 } },
  ...(env.CHILD_LEASE_MS ? { leaseMs: Number(env.CHILD_LEASE_MS), leaseRenewMs: Number(env.CHILD_RENEW_MS ?? 100) } : {}),
});
// CHILD_PORT: a test that kills this process starts the next one where the plugin still points.
const server = await startApiServer({ services: { db, gateway: engine }, ...(env.CHILD_PORT ? { port: Number(env.CHILD_PORT) } : {}) });
process.stdout.write(`${JSON.stringify({ url: server.trpcUrl })}\n`);

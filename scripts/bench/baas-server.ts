/**
 * The control plane under test, in its own process (so the load generator does not share its
 * event loop): Redis hot store, PostgreSQL persistence, a fixture tenant with a budget and a rate
 * limit that never bind, and the API on a loopback port. Prints one JSON line when ready.
 */
import { randomUUID } from "node:crypto";
import { startApiServer } from "@baas/api";
import { createDb, parseEncryptionKey } from "@baas/db";
import { createGatewayEngine, createRedisHotStore } from "@baas/gateway";
import { createGatewayFixture } from "@baas/gateway/testing";

const [databaseUrl, redisUrl, llmUrl, encryptionKeyB64, commitMode = "durable"] = process.argv.slice(2);
if (!databaseUrl || !redisUrl || !llmUrl || !encryptionKeyB64) throw new Error("usage: baas-server.ts DATABASE_URL REDIS_URL LLM_URL KEY");

const db = createDb({ connectionString: databaseUrl, max: 8 });
const encryptionKey = parseEncryptionKey(encryptionKeyB64);
const fx = await createGatewayFixture(db, { llmUrl, encryptionKey, currency: "BRL" });
await db.budget.create({
  data: { tenantId: fx.tenant.id, scope: "TENANT", name: "Bench monthly", period: "MONTHLY", currency: "BRL", limitMoneyMicros: 10n ** 15n, action: "BLOCK" },
});
await db.rateLimitRule.create({ data: { tenantId: fx.tenant.id, scope: "TENANT", window: "MINUTE", maxRequests: 100_000_000, maxTokens: 2_000_000_000 } });
const prefix = `bench:${randomUUID()}:`;
const hot = await createRedisHotStore({ url: redisUrl, prefix });
const engine = createGatewayEngine({
  db,
  hot,
  encryptionKey,
  accountNamePrefix: fx.accountPrefix,
  notifier: { notify: () => undefined },
  fx: { fallbackRates: { BRL: 5.4 } },
  // Usage rows through the writer's own small pg pool; durable (synchronous commit) unless the
  // bench is asked for the async-commit mode, whose rows are labelled as such.
  usage: { databaseUrl, poolSize: 4, asyncCommit: commitMode === "async" },
});
const server = await startApiServer({ services: { db, gateway: engine } });
process.stdout.write(`${JSON.stringify({ trpcUrl: server.trpcUrl, instanceKey: fx.instanceKey, tenantId: fx.tenant.id, credential: fx.accounts.max1.credential })}\n`);

const stop = async () => {
  await server.close();
  await hot.clear();
  await engine.close();
  await db.$disconnect();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("message", (m) => {
  if (m === "stop") void stop();
});

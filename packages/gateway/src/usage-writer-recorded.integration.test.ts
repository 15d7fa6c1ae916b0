/**
 * The replay check admission runs before a call may reach the upstream: whether a call id is
 * recorded, read from PostgreSQL through the usage writer, with concurrent checks batched into
 * shared statements (counted at the pool) and each answered for its own tenant and key.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@baas/db";
import { createUsagePool, UsageWriter, type UsageRow } from "./usage-writer";

const url = process.env.DATABASE_URL!;
let db: Db;
const tenants: string[] = [];
const pool = createUsagePool(url, { max: 2 });

beforeAll(async () => {
  db = getDb(url);
  for (let i = 0; i < 2; i++) {
    const slug = `uwr-${randomUUID().slice(0, 8)}`;
    tenants.push((await db.tenant.create({ data: { name: slug, slug } })).id);
  }
});
afterAll(() => pool.end());

const row = (tenantId: string, key: string): UsageRow => ({
  idempotencyKey: key, tenantId, instanceId: null, agentId: null, channelId: null, sessionKey: null, runId: null,
  kind: "LLM", source: "GATEWAY", provider: "ANTHROPIC", model: "claude-sonnet-4-5", requestedModel: "claude-sonnet-4-5",
  upstreamAccountId: null, fallbackPath: [], streaming: false, cacheHit: false, inputTokens: 1, outputTokens: 1,
  cacheReadTokens: 0, cacheWriteTokens: 0, units: null, costListUsdMicros: 10, costCashUsdMicros: 0, costTenantMicros: 10,
  tenantCurrency: "USD", fxRate: 1, latencyMs: 1, ttftMs: 1, status: "OK", errorCode: null, occurredAt: new Date(),
  day: new Date().toISOString().slice(0, 10),
});

describe("UsageWriter.recorded", () => {
  it("answers each concurrent check for its own tenant and key, in far fewer statements than checks", async () => {
    const writer = new UsageWriter(db, { pool });
    const [a, b] = tenants as [string, string];
    const keys = Array.from({ length: 60 }, (_, i) => `rec-${i}-${randomUUID()}`);
    // Even keys are recorded for tenant a only; odd keys for nobody.
    await Promise.all(keys.filter((_, i) => i % 2 === 0).map((k) => writer.write(row(a, k))));
    let statements = 0;
    const query = pool.query.bind(pool);
    pool.query = ((...args: Parameters<typeof pool.query>) => {
      statements++;
      return query(...args);
    }) as typeof pool.query;
    const answers = await Promise.all(keys.flatMap((k) => [writer.recorded(a, k), writer.recorded(b, k)]));
    pool.query = query as typeof pool.query;
    expect(answers).toEqual(keys.flatMap((_, i) => [i % 2 === 0, false]));
    // 120 checks issued at once: the first statement carries one, the next ones the rest in batches.
    expect(statements).toBeLessThanOrEqual(4);
  });

  it("a failed statement fails the checks it carried (admission then refuses rather than serving unchecked)", async () => {
    const broken = createUsagePool("postgresql://postgres@127.0.0.1:1/none", { max: 1 });
    const writer = new UsageWriter(db, { pool: broken });
    await expect(writer.recorded(tenants[0]!, "any")).rejects.toThrow();
    await broken.end();
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@baas/db";
import { createUsagePool, UsageWriter, type UsageRow } from "./usage-writer";

const url = process.env.DATABASE_URL!;
let db: Db;
let tenantId: string;

beforeAll(async () => {
  db = getDb(url);
  const slug = `uw-${randomUUID().slice(0, 8)}`;
  tenantId = (await db.tenant.create({ data: { name: slug, slug } })).id;
});

const row = (key: string, costListUsdMicros = 1_000): UsageRow => ({
  idempotencyKey: key,
  tenantId,
  instanceId: null,
  agentId: null,
  channelId: null,
  sessionKey: null,
  runId: null,
  kind: "LLM",
  source: "GATEWAY",
  provider: "ANTHROPIC",
  model: "claude-sonnet-4-5",
  requestedModel: "claude-sonnet-4-5",
  upstreamAccountId: null,
  fallbackPath: ["Max #1"],
  streaming: false,
  cacheHit: false,
  inputTokens: 10,
  outputTokens: 5,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  units: null,
  costListUsdMicros,
  costCashUsdMicros: 0,
  costTenantMicros: costListUsdMicros,
  tenantCurrency: "USD",
  fxRate: 1,
  latencyMs: 1,
  ttftMs: 1,
  status: "OK",
  errorCode: null,
  occurredAt: new Date(),
  day: new Date().toISOString().slice(0, 10),
});

describe("UsageWriter", () => {
  const pools: ReturnType<typeof createUsagePool>[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
  });

  it("is durable by default: its pool commits synchronously, and the Prisma path never opens the async-commit transaction", async () => {
    const pool = createUsagePool(url, { max: 1 });
    pools.push(pool);
    expect((await pool.query("SHOW synchronous_commit")).rows[0].synchronous_commit).toBe("on");
    expect(new UsageWriter(db, { pool }).durable).toBe(true);
    // Through Prisma: a db whose $transaction fails proves the default is one autocommitted statement.
    const noTx = new Proxy(db, {
      get: (t, p) => (p === "$transaction" ? () => Promise.reject(new Error("async-commit transaction used")) : Reflect.get(t, p)),
    });
    const key = `uw:${randomUUID()}`;
    const r = await new UsageWriter(noTx).write(row(key));
    expect(r.inserted).toBe(true);
    expect(await db.usageEvent.count({ where: { idempotencyKey: key } })).toBe(1);
  });

  it("a row PostgreSQL refuses fails alone: the other rows of its batch are written and answered", async () => {
    const pool = createUsagePool(url, { max: 1 });
    pools.push(pool);
    // Another tenant of its own, as in production (and so the other tests' roll-ups stay theirs).
    const slug = `uw-${randomUUID().slice(0, 8)}`;
    const other = (await db.tenant.create({ data: { name: slug, slug } })).id;
    const keys = Array.from({ length: 12 }, () => `uw:${randomUUID()}`);
    const dead: string[] = [];
    const writer = new UsageWriter(db, { pool, onDeadLetter: (r, err) => dead.push(`${r.idempotencyKey} ${err}`) });
    const results = await Promise.all(keys.map((k, i) => writer.write({ ...row(k), tenantId: other, ...(i === 5 ? { inputTokens: 3_000_000_000 } : {}) })));
    expect(results.map((r) => r.deadLettered === true)).toEqual(keys.map((_, i) => i === 5));
    expect(await db.usageEvent.count({ where: { idempotencyKey: { in: keys } } })).toBe(11);
    // The refused row is kept whole for the operator, never silently dropped.
    const letters = await db.usageDeadLetter.findMany({ where: { tenantId: other } });
    expect(letters.map((l) => l.idempotencyKey)).toEqual([keys[5]]);
    expect((letters[0]!.payload as { inputTokens: number }).inputTokens).toBe(3_000_000_000);
    expect(letters[0]!.error).toMatch(/inputTokens/);
    expect(dead).toHaveLength(1);
  });

  it("usage ids are the tenant's own: two tenants may use the same id, and each gets its own row", async () => {
    const [mine, other] = await Promise.all(
      [0, 1].map(async () => {
        const slug = `uw-${randomUUID().slice(0, 8)}`;
        return (await db.tenant.create({ data: { name: slug, slug } })).id;
      }),
    );
    const writer = new UsageWriter(db);
    const key = `shared:${randomUUID()}`;
    const a = await writer.write({ ...row(key), tenantId: mine! });
    const b = await writer.write({ ...row(key), tenantId: other! });
    expect(a.inserted && b.inserted).toBe(true);
    expect(a.id).not.toBe(b.id);
    // A replay finds the row of its own tenant, never the other's.
    expect(await writer.write({ ...row(key), tenantId: other! })).toEqual({ id: b.id, inserted: false });
    expect(await db.usageEvent.count({ where: { idempotencyKey: key } })).toBe(2);
  });

  it("uses asynchronous commit only when asked to", async () => {
    const pool = createUsagePool(url, { max: 1, asyncCommit: true });
    pools.push(pool);
    expect((await pool.query("SHOW synchronous_commit")).rows[0].synchronous_commit).toBe("off");
    expect(new UsageWriter(db, { pool, asyncCommit: true }).durable).toBe(false);
  });

  it("records each idempotency key exactly once through the pool, batched or replayed, and rolls it up once", async () => {
    const pool = createUsagePool(url, { max: 2 });
    pools.push(pool);
    const writer = new UsageWriter(db, { pool });
    const keys = Array.from({ length: 20 }, () => `uw:${randomUUID()}`);
    // Concurrent writes (group-committed together), with each key sent twice.
    const results = await Promise.all([...keys, ...keys].map((k) => writer.write(row(k, 500))));
    expect(results.filter((r) => r.inserted)).toHaveLength(20);
    for (const k of keys) {
      const mine = results.filter((_, i) => (i < 20 ? keys[i] : keys[i - 20]) === k);
      expect(new Set(mine.map((m) => m.id)).size).toBe(1);
      expect(mine[0]!.id).not.toBe("");
    }
    const replay = await writer.write(row(keys[0]!, 500));
    expect(replay).toEqual({ id: results[0]!.id, inserted: false });
    expect(await db.usageEvent.count({ where: { idempotencyKey: { in: keys } } })).toBe(20);
    const daily = await db.usageDaily.findMany({ where: { tenantId } });
    expect(daily.reduce((s, d) => s + Number(d.costListUsdMicros), 0)).toBe(20 * 500 + 1_000);
  });
});

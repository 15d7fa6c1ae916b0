/**
 * The demo seed: what it writes is the customer of the planning document, its secrets are
 * encrypted, its usage adds up, and running it again changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "./client";
import { migrateDatabase } from "./migrate";
import { decryptSecret, parseEncryptionKey } from "./secret-box";
import { UPSTREAM_ACCOUNTS, hashInstanceKey, seedDemo, type SeedDemoResult } from "./seed";
import { rebuildUsageDaily } from "./usage-daily";
import { createScratchDb } from "../test/scratch-db";

const KEY = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
const NOW = new Date("2026-11-21T15:00:00.000Z");
const opts = { encryptionKey: KEY, upstreamBaseUrl: "http://127.0.0.1:4100", now: NOW };

let scratch: { url: string; drop: () => Promise<void> };
let db: Db;
let first: SeedDemoResult;

const TABLES = [
  "tier", "modelPrice", "upstreamAccount", "tenant", "user", "membership", "instance", "agent", "channel", "binding",
  "budget", "subscription", "usageEvent", "usageDaily", "alert", "fxRate",
] as const;

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = await (db[t] as unknown as { count(): Promise<number> }).count();
  return out;
}

beforeAll(async () => {
  scratch = await createScratchDb();
  await migrateDatabase(scratch.url);
  db = createDb({ connectionString: scratch.url, max: 2 });
  first = await seedDemo(db, opts);
}, 60_000);

afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

describe("seedDemo", () => {
  it("changes nothing when run again: same rows, same ciphertexts, no new key to print", async () => {
    const before = await counts();
    const accountsBefore = await db.upstreamAccount.findMany({ orderBy: { name: "asc" } });
    const again = await seedDemo(db, opts);
    expect(await counts()).toEqual(before);
    expect(await db.upstreamAccount.findMany({ orderBy: { name: "asc" } })).toEqual(accountsBefore);
    expect(again.usage.created).toBe(0);
    expect(again.tenant.instanceCreated).toBe(false);
    expect(again.tenant.tenantId).toBe(first.tenant.tenantId);
  });

  it("writes VM Deco with the ten agents of the Alcateia, its groups, DMs and bindings", async () => {
    const tenant = await db.tenant.findUniqueOrThrow({
      where: { slug: "vm-deco" },
      include: { agents: true, channels: true, bindings: true, subscription: { include: { tier: true } } },
    });
    expect(tenant.name).toBe("VM Deco");
    expect(tenant.agents.map((a) => a.externalId).sort()).toEqual(
      ["aguia", "arara", "cao", "castor", "coruja", "falcao", "golfinho", "lobo", "pantera", "raposa"],
    );
    expect(tenant.agents.find((a) => a.externalId === "lobo")).toMatchObject({ name: "Lobo", emoji: "🐺" });
    const groups = tenant.channels.filter((c) => c.peerKind === "GROUP").map((c) => c.name);
    expect(groups).toEqual(expect.arrayContaining(["Cultura Builder", "Sócios Mentes", "Advisors Dashboard"]));
    expect(tenant.channels.some((c) => c.peerKind === "DM")).toBe(true);
    expect(tenant.bindings.filter((b) => b.channelId).length).toBe(tenant.channels.length);
    expect(tenant.bindings.some((b) => b.pattern === "whatsapp:dm:*")).toBe(true);
    expect(tenant.subscription?.tier.key).toBe("enterprise");
  });

  it("gives the owner a membership, the operator the platform role, and the instance a hashed key", async () => {
    const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@vmdeco.demo" }, include: { memberships: true } });
    expect(owner.memberships).toEqual([expect.objectContaining({ tenantId: first.tenant.tenantId, role: "OWNER" })]);
    expect((await db.user.findUniqueOrThrow({ where: { email: "operator@baas.demo" } })).platformRole).toBe("OPERATOR");
    const instance = await db.instance.findUniqueOrThrow({ where: { id: first.tenant.instanceId } });
    expect(instance.keyHash).toBe(hashInstanceKey(first.tenant.instanceKey));
    expect(instance.keyHash).not.toContain(first.tenant.instanceKey);
  });

  it("seeds the four tiers with the plan's prices and entitlements", async () => {
    const tiers = await db.tier.findMany({ orderBy: { sortOrder: "asc" } });
    expect(tiers.map((t) => [t.key, t.priceMonthlyMinor, t.monthlyMessages, t.maxGroups])).toEqual([
      ["starter", 0, 500, 1], ["pro", 19_700, 5_000, 10], ["business", 49_700, 20_000, null], ["enterprise", 199_700, null, null],
    ]);
    expect(tiers[0]?.allowedModels.every((m) => m.includes("haiku"))).toBe(true);
    expect(tiers[2]).toMatchObject({ defaultModel: "claude-sonnet-4-5", maxAgents: 5, apiAccess: true });
    expect(tiers[2]?.creditModels).toContain("claude-opus-4-5");
    expect(tiers[3]?.defaultModel).toBe("claude-opus-4-5");
  });

  it("stores the three upstream credentials encrypted: they decrypt, and never equal the plaintext", async () => {
    const key = parseEncryptionKey(KEY);
    const rows = await db.upstreamAccount.findMany({ orderBy: { priority: "asc" } });
    expect(rows.map((r) => [r.name, r.kind, r.baseUrl])).toEqual([
      ["Max #1", "MAX_SUBSCRIPTION", opts.upstreamBaseUrl], ["Max #2", "MAX_SUBSCRIPTION", opts.upstreamBaseUrl], ["API paga", "API_KEY", opts.upstreamBaseUrl],
    ]);
    for (const row of rows) {
      const plain = UPSTREAM_ACCOUNTS.find((a) => a.name === row.name)?.credential ?? "";
      expect(row.credentialCiphertext).not.toContain(plain);
      expect(decryptSecret(row.credentialCiphertext, key)).toBe(plain);
    }
  });

  it("sets a US$1,000 monthly tenant budget with thresholds", async () => {
    const budget = await db.budget.findFirstOrThrow({ where: { tenantId: first.tenant.tenantId, scope: "TENANT" } });
    expect(budget).toMatchObject({ period: "MONTHLY", currency: "USD", limitMoneyMicros: 1_000_000_000n });
    expect(budget.thresholds).toEqual([50, 80, 95, 100]);
  });

  it("generates four weeks of usage priced from the list (cash 0 when a Max account served)", async () => {
    const events = await db.usageEvent.findMany({ where: { tenantId: first.tenant.tenantId }, include: { upstreamAccount: true } });
    expect(events.length).toBeGreaterThan(2_000);
    const days = new Set(events.map((e) => e.occurredAt.toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(27);
    expect(events.every((e) => e.occurredAt <= NOW)).toBe(true);
    const sonnet = events.find((e) => e.model === "claude-sonnet-4-5" && e.status === "OK");
    expect(sonnet).toBeDefined();
    if (sonnet) {
      const expected = sonnet.inputTokens * 3 + sonnet.outputTokens * 15 + sonnet.cacheReadTokens * 0.3 + sonnet.cacheWriteTokens * 3.75;
      expect(Math.abs(Number(sonnet.costListUsdMicros) - expected)).toBeLessThanOrEqual(2);
    }
    const viaMax = events.filter((e) => e.upstreamAccount?.kind === "MAX_SUBSCRIPTION");
    const viaKey = events.filter((e) => e.upstreamAccount?.kind === "API_KEY" && e.costListUsdMicros > 0n);
    expect(viaMax.length).toBeGreaterThan(viaKey.length);
    expect(viaMax.every((e) => e.costCashUsdMicros === 0n)).toBe(true);
    expect(viaKey.every((e) => e.costCashUsdMicros === e.costListUsdMicros)).toBe(true);
  });

  it("keeps the UsageDaily roll-up equal to the sums of the events, also after a rebuild", async () => {
    const where = { tenantId: first.tenant.tenantId };
    const check = async () => {
      const ev = await db.usageEvent.aggregate({ where: { ...where, status: { not: "BLOCKED" } }, _count: true, _sum: { inputTokens: true, outputTokens: true, cacheReadTokens: true, costListUsdMicros: true, costCashUsdMicros: true, costTenantMicros: true } });
      const daily = await db.usageDaily.aggregate({ where, _sum: { calls: true, inputTokens: true, outputTokens: true, cacheReadTokens: true, costListUsdMicros: true, costCashUsdMicros: true, costTenantMicros: true } });
      expect(daily._sum.calls).toBe(ev._count);
      expect(daily._sum.inputTokens).toBe(BigInt(ev._sum.inputTokens ?? 0));
      expect(daily._sum.outputTokens).toBe(BigInt(ev._sum.outputTokens ?? 0));
      expect(daily._sum.cacheReadTokens).toBe(BigInt(ev._sum.cacheReadTokens ?? 0));
      expect(daily._sum.costListUsdMicros).toBe(ev._sum.costListUsdMicros);
      expect(daily._sum.costCashUsdMicros).toBe(ev._sum.costCashUsdMicros);
      expect(daily._sum.costTenantMicros).toBe(ev._sum.costTenantMicros);
    };
    await check();
    // A stale row and a removed event must both be corrected by the rebuild.
    const victim = await db.usageEvent.findFirstOrThrow({ where: { ...where, costListUsdMicros: { gt: 0n } } });
    await db.usageEvent.delete({ where: { id: victim.id } });
    await db.usageDaily.create({ data: { tenantId: where.tenantId, day: new Date("2020-01-01"), model: "stale", calls: 9 } });
    await rebuildUsageDaily(db, where.tenantId);
    await check();
    expect(await db.usageDaily.count({ where: { model: "stale" } })).toBe(0);
  });
});

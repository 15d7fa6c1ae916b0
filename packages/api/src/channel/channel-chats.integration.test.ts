/** Groups and DMs apart, named, with this month's cost per chat and per agent (real PostgreSQL). */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@baas/db";
import { callerFor, captureMailer, codeOf, rid, seedModels, seedTenant, testDb } from "../lib-app/app-test-fixtures";

let db: Db;
let models: Awaited<ReturnType<typeof seedModels>>;
const NOW = new Date("2026-12-15T15:00:00Z");

beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, rid());
});

async function fresh() {
  const f = await seedTenant(db, models);
  const admin = callerFor(db, f.users.ADMIN, captureMailer(), { clock: () => NOW });
  const dm = await db.channel.create({ data: { tenantId: f.tenant.id, provider: "whatsapp", peerKind: "DM", externalId: `5511988887777@s.whatsapp.net` } });
  const namedDm = await db.channel.create({ data: { tenantId: f.tenant.id, provider: "whatsapp", peerKind: "DM", externalId: `5511977776666@s.whatsapp.net`, name: "Maria" } });
  const usage = (day: string, agentKey: string, channelKey: string, tenantMicros: bigint, listUsd: bigint, cashUsd: bigint) =>
    db.usageDaily.create({ data: { tenantId: f.tenant.id, day: new Date(day), agentKey, channelKey, model: models.sonnet, calls: 1, costTenantMicros: tenantMicros, costListUsdMicros: listUsd, costCashUsdMicros: cashUsd } });
  await usage("2026-12-02", f.lobo.id, f.group.id, 5_000_000n, 1_000_000n, 1_000_000n);
  await usage("2026-12-10", f.lobo.id, namedDm.id, 10_000_000n, 2_000_000n, 0n);
  // Last month: not in this month's figures.
  await usage("2026-11-30", f.lobo.id, f.group.id, 99_000_000n, 1n, 1n);
  return { ...f, admin, dm, namedDm, tenantId: f.tenant.id };
}

describe("channel.chats", () => {
  it("lists groups and direct messages apart, by name, with list value and cash in the tenant's currency", async () => {
    const f = await fresh();
    const chats = await f.admin.channel.chats({ tenantId: f.tenantId });
    expect(chats.currency).toBe("BRL");
    expect(chats.groups.map((g) => [g.name, g.cost.listMicros, g.cost.cashMicros, g.agent?.name ?? null])).toEqual([
      ["Vendas VIP", 5_000_000, 5_000_000, "Lobo"],
      ["Suporte", 0, 0, null],
    ]);
    expect(chats.dms.map((d) => [d.name, d.cost.listMicros, d.cost.cashMicros])).toEqual([
      ["Maria", 10_000_000, 0],
      ["+5511988887777", 0, 0],
    ]);
    // Group-only settings are not offered for a DM, and names never carry WhatsApp ids.
    expect(chats.dms[0]).not.toHaveProperty("requireMention");
    expect(JSON.stringify([...chats.groups, ...chats.dms].map((c) => c.name))).not.toMatch(/@g\.us|@s\.whatsapp\.net/);
  });

  it("a chat without an agent of its own says which rule for many chats answers it", async () => {
    const f = await fresh();
    await f.admin.binding.addRule({ tenantId: f.tenantId, agentId: f.aguia.id, target: { kind: "allDms" } });
    await f.admin.binding.addRule({ tenantId: f.tenantId, agentId: f.lobo.id, target: { kind: "person", phone: "+5511988887777" } });
    const chats = await f.admin.channel.chats({ tenantId: f.tenantId });
    expect(chats.dms.map((d) => [d.name, d.agent, d.viaRule?.name])).toEqual([["Maria", null, "Águia"], ["+5511988887777", null, "Lobo"]]);
    expect(chats.groups.find((g) => g.name === "Suporte")?.viaRule).toBeNull();
  });

  it("refuses a mention setting on a direct message with a sentence, and changes nothing", async () => {
    const f = await fresh();
    await expect(f.admin.channel.update({ tenantId: f.tenantId, channelId: f.dm.id, requireMention: false })).rejects.toThrow(/groups only/);
    expect((await db.channel.findUniqueOrThrow({ where: { id: f.dm.id } })).requireMention).toBe(true);
  });

  it("gives each agent its cost this month", async () => {
    const f = await fresh();
    const agents = await f.admin.agent.list({ tenantId: f.tenantId });
    expect(agents.map((a) => [a.name, a.cost.listMicros, a.cost.cashMicros])).toEqual([["Águia", 0, 0], ["Lobo", 15_000_000, 5_000_000]]);
  });

  it("another tenant cannot read them", async () => {
    const f = await fresh();
    const other = await seedTenant(db, models);
    const outsider = callerFor(db, other.users.OWNER, captureMailer());
    expect(["NOT_FOUND", "FORBIDDEN"]).toContain(await codeOf(outsider.channel.chats({ tenantId: f.tenantId })));
  });
});

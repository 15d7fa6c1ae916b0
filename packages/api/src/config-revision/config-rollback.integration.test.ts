import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@baas/db";
import { callerFor, captureMailer, rid, seedModels, seedTenant, snapshotTenant, testDb } from "../lib-app/app-test-fixtures";
import { clawdbotConfigSchema } from "./clawdbot-config.schema";

let db: Db;
let models: Awaited<ReturnType<typeof seedModels>>;

beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, rid());
});

async function fresh() {
  const f = await seedTenant(db, models);
  const admin = callerFor(db, f.users.ADMIN, captureMailer());
  const tenantId = f.tenant.id;
  // v1: the tenant's settings as seeded.
  await admin.configRevision.republish({ tenantId });
  const v1 = await db.configRevision.findFirstOrThrow({ where: { instanceId: f.instance.id, version: 1 } });
  return { ...f, admin, tenantId, v1 };
}

/** The saved settings people edit on the pages (row ids included, timestamps of edits left out). */
async function savedSettings(tenantId: string) {
  const [tenant, agents, channels, bindings] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { dmPolicy: true, groupPolicy: true } }),
    db.agent.findMany({ where: { tenantId }, orderBy: { id: "asc" }, omit: { updatedAt: true, lastSeenAt: true } }),
    db.channel.findMany({ where: { tenantId }, orderBy: { id: "asc" }, omit: { updatedAt: true, lastSeenAt: true } }),
    db.binding.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" }, omit: { updatedAt: true } }),
  ]);
  return { tenant, agents, channels, bindings };
}

const lobo2 = (model: string) => ({ name: "Lobo Mau", emoji: "🐺", avatarUrl: "https://example.test/lobo.png", model, systemPrompt: "Sell harder", skills: ["tts" as const, "search" as const] });

describe("rollback restores the saved settings a revision was made from", () => {
  it("agents, groups, tenant policies and bindings return to version 1; the new revision carries version 1's config", async () => {
    const f = await fresh();
    const before = await savedSettings(f.tenantId);
    await f.admin.agent.update({ tenantId: f.tenantId, agentId: f.lobo.id, ...lobo2(models.opus) });
    await f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group.id, requireMention: false, mentionPatterns: ["@vip"], modelOverride: models.opus, policy: "ALLOWLIST" });
    await f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group2.id, policy: "BLOCKED" });
    await f.admin.tenant.updatePolicies({ tenantId: f.tenantId, dmPolicy: "OPEN", groupPolicy: "OPEN" });
    await f.admin.binding.reassign({ tenantId: f.tenantId, bindingId: f.binding.id, agentId: f.aguia.id });
    await f.admin.binding.create({ tenantId: f.tenantId, agentId: f.lobo.id, pattern: "whatsapp:dm:*" });
    const coruja = await f.admin.agent.create({ tenantId: f.tenantId, externalId: "coruja", name: "Coruja", model: models.haiku, skills: [] });
    expect(await savedSettings(f.tenantId)).not.toEqual(before);

    const rb = await f.admin.configRevision.rollback({ tenantId: f.tenantId, revisionId: f.v1.id });
    expect(rb).toMatchObject({ status: "PENDING", exact: true });
    const after = await savedSettings(f.tenantId);
    // The agent created after version 1 is kept (its history matters) but switched off, as it was absent then.
    expect(after.agents.find((a) => a.id === coruja.id)?.enabled).toBe(false);
    expect({ ...after, agents: after.agents.filter((a) => a.id !== coruja.id) }).toEqual(before);
    const rev = await db.configRevision.findUniqueOrThrow({ where: { id: rb.id } });
    expect(rev.hash).toBe(f.v1.hash);
    expect(rev.config).toEqual(f.v1.config);
    expect(rev.rollbackOfId).toBe(f.v1.id);
    // What the agent page reads shows the old identity again.
    expect(await f.admin.agent.get({ tenantId: f.tenantId, agentId: f.lobo.id })).toMatchObject({ name: "Lobo", model: models.sonnet, systemPrompt: null, skills: [] });
    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: f.tenantId, action: "config.rollback" } });
    expect(audit).toMatchObject({ actorUserId: f.users.ADMIN.id, entityId: rb.id });
    // In words people know: which agents and groups went back.
    expect(audit.after).toMatchObject({ rolledBackTo: "v1", agents: "coruja, lobo", groups: "Suporte, Vendas VIP", bindings: "3 changed", policies: "restored" });
  });

  it("the next save builds on the restored settings and does not bring the rolled-back change back", async () => {
    const f = await fresh();
    await f.admin.agent.update({ tenantId: f.tenantId, agentId: f.lobo.id, ...lobo2(models.opus) });
    await f.admin.binding.reassign({ tenantId: f.tenantId, bindingId: f.binding.id, agentId: f.aguia.id });
    await f.admin.configRevision.rollback({ tenantId: f.tenantId, revisionId: f.v1.id });
    await f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group2.id, requireMention: false });
    const next = await db.configRevision.findFirstOrThrow({ where: { instanceId: f.instance.id, status: "PENDING" } });
    expect(next.summary).not.toMatch(/Rollback/);
    const cfg = clawdbotConfigSchema.parse(next.config);
    expect(cfg.agents.entries.lobo).toMatchObject({ identity: { name: "Lobo", emoji: "🐺" }, model: `baas/${models.sonnet}` });
    expect(cfg.bindings).toEqual([{ agentId: "lobo", match: { channel: "whatsapp", peer: { kind: "group", id: f.group.externalId } } }]);
    expect(cfg.channels.whatsapp?.groups[f.group2.externalId]).toEqual({ requireMention: false });
  });

  it("rolling back to the rollback's own predecessor returns to the edited settings (a rollback is itself restorable)", async () => {
    const f = await fresh();
    await f.admin.agent.update({ tenantId: f.tenantId, agentId: f.lobo.id, ...lobo2(models.opus) });
    const v2 = await db.configRevision.findFirstOrThrow({ where: { instanceId: f.instance.id, version: 2 } });
    await f.admin.configRevision.rollback({ tenantId: f.tenantId, revisionId: f.v1.id });
    expect((await db.agent.findUniqueOrThrow({ where: { id: f.lobo.id } })).name).toBe("Lobo");
    const back = await f.admin.configRevision.rollback({ tenantId: f.tenantId, revisionId: v2.id });
    expect(back.exact).toBe(true);
    expect(await db.agent.findUniqueOrThrow({ where: { id: f.lobo.id } })).toMatchObject({ name: "Lobo Mau", model: models.opus, systemPrompt: "Sell harder" });
  });
});

describe("rollback refuses what it must not do, and changes nothing", () => {
  it("another tenant's revision id is NOT_FOUND", async () => {
    const f = await fresh();
    const other = await fresh();
    await other.admin.agent.update({ tenantId: other.tenantId, agentId: other.lobo.id, ...lobo2(models.opus) });
    const [mine, theirs] = [await snapshotTenant(db, f.tenantId), await snapshotTenant(db, other.tenantId)];
    await expect(f.admin.configRevision.rollback({ tenantId: f.tenantId, revisionId: other.v1.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshotTenant(db, f.tenantId)).toBe(mine);
    expect(await snapshotTenant(db, other.tenantId)).toBe(theirs);
  });

  it("a viewer or member gets FORBIDDEN", async () => {
    const f = await fresh();
    await f.admin.agent.update({ tenantId: f.tenantId, agentId: f.lobo.id, ...lobo2(models.opus) });
    const before = await snapshotTenant(db, f.tenantId);
    for (const role of ["VIEWER", "MEMBER"] as const) {
      await expect(callerFor(db, f.users[role]).configRevision.rollback({ tenantId: f.tenantId, revisionId: f.v1.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await snapshotTenant(db, f.tenantId)).toBe(before);
  });

  it("a revision written before settings were kept says so instead of half-restoring", async () => {
    const f = await fresh();
    await db.$executeRaw`UPDATE "ConfigRevision" SET settings = NULL WHERE id = ${f.v1.id}`;
    await f.admin.agent.update({ tenantId: f.tenantId, agentId: f.lobo.id, ...lobo2(models.opus) });
    const before = await snapshotTenant(db, f.tenantId);
    await expect(f.admin.configRevision.rollback({ tenantId: f.tenantId, revisionId: f.v1.id })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/Version 1 was saved before settings were kept/),
    });
    expect(await snapshotTenant(db, f.tenantId)).toBe(before);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@baas/db";
import { callerFor, captureMailer, codeOf, rid, seedModels, seedTenant, snapshotTenant, testDb } from "../lib-app/app-test-fixtures";
import { configHash } from "./canonical-json";
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
  return { ...f, admin, tenantId: f.tenant.id };
}

const identity = (name: string, model: string) => ({ name, emoji: "🐺", avatarUrl: "", model, systemPrompt: "", skills: ["tts" as const] });

describe("a config save reaches the instance as a validated revision", () => {
  it("agent identity and model become a pending revision in OpenClaw's shape with a canonical hash", async () => {
    const f = await fresh();
    await f.admin.agent.update({ tenantId: f.tenantId, agentId: f.lobo.id, ...identity("Lobo Mau", models.opus) });
    const revs = await db.configRevision.findMany({ where: { instanceId: f.instance.id }, orderBy: { version: "asc" } });
    expect(revs).toHaveLength(1);
    const rev = revs[0]!;
    expect(rev.status).toBe("PENDING");
    const cfg = clawdbotConfigSchema.parse(rev.config);
    expect(cfg.agents.entries.lobo).toEqual({ identity: { name: "Lobo Mau", emoji: "🐺" }, model: `baas/${models.opus}`, groupChat: { mentionPatterns: ["@lobo"] } });
    expect(cfg.agents.ownership).toBe("explicit");
    expect(cfg.bindings).toEqual([{ agentId: "lobo", match: { channel: "whatsapp", peer: { kind: "group", id: f.group.externalId } } }]);
    expect(cfg.channels.whatsapp?.groups[f.group.externalId]).toEqual({ requireMention: true });
    expect(cfg.channels.whatsapp?.dmPolicy).toBe("pairing");
    expect(rev.hash).toBe(configHash(rev.config));
    const audit = await db.auditLog.findFirst({ where: { tenantId: f.tenantId, action: "agent.update" } });
    expect(audit?.actorUserId).toBe(f.users.ADMIN.id);
  });

  it("a second save by the same person folds into the pending revision; saving the same thing again adds none", async () => {
    const f = await fresh();
    await f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group.id, requireMention: false });
    await f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group.id, mentionPatterns: ["@bot"] });
    await f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group.id, mentionPatterns: ["@bot"] });
    const revs = await db.configRevision.findMany({ where: { instanceId: f.instance.id }, orderBy: { version: "asc" } });
    expect(revs.map((r) => [r.version, r.status])).toEqual([[1, "PENDING"]]);
    const cfg = clawdbotConfigSchema.parse(revs[0]!.config);
    expect(cfg.channels.whatsapp?.groups[f.group.externalId]?.requireMention).toBe(false);
    expect(cfg.agents.entries.lobo?.groupChat?.mentionPatterns).toEqual(["@lobo", "@bot"]);
  });

  it("binding a group to another agent routes it there; rollback re-offers the earlier config as a new revision", async () => {
    const f = await fresh();
    await f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group.id, requireMention: false });
    const v1 = await db.configRevision.findFirstOrThrow({ where: { instanceId: f.instance.id } });
    await db.configRevision.update({ where: { id: v1.id }, data: { status: "APPLIED", appliedAt: new Date() } });
    await db.instance.update({ where: { id: f.instance.id }, data: { appliedRevisionId: v1.id } });
    await f.admin.binding.reassign({ tenantId: f.tenantId, bindingId: f.binding.id, agentId: f.aguia.id });
    const v2 = await db.configRevision.findFirstOrThrow({ where: { instanceId: f.instance.id, version: 2 } });
    expect(clawdbotConfigSchema.parse(v2.config).bindings[0]?.agentId).toBe("aguia");
    const rb = await f.admin.configRevision.rollback({ tenantId: f.tenantId, revisionId: v1.id });
    expect(rb.version).toBe(3);
    const v3 = await db.configRevision.findFirstOrThrow({ where: { id: rb.id } });
    expect(v3.hash).toBe(v1.hash);
    expect(v3.rollbackOfId).toBe(v1.id);
    expect((await db.configRevision.findFirstOrThrow({ where: { id: v2.id } })).status).toBe("SUPERSEDED");
  });

  it("pattern bindings (DMs) become channel-level or peer matches", async () => {
    const f = await fresh();
    await f.admin.binding.create({ tenantId: f.tenantId, agentId: f.aguia.id, pattern: "whatsapp:dm:*" });
    await f.admin.binding.create({ tenantId: f.tenantId, agentId: f.lobo.id, pattern: "whatsapp:dm:+5511999990000" });
    const rev = await db.configRevision.findFirstOrThrow({ where: { instanceId: f.instance.id, status: "PENDING" } });
    const b = clawdbotConfigSchema.parse(rev.config).bindings;
    expect(b).toContainEqual({ agentId: "aguia", match: { channel: "whatsapp" } });
    expect(b).toContainEqual({ agentId: "lobo", match: { channel: "whatsapp", peer: { kind: "direct", id: "+5511999990000" } } });
  });

  it("refuses a pattern whose id the host config could not hold with a sentence, and publishes nothing", async () => {
    const f = await fresh();
    const before = await db.configRevision.count({ where: { instanceId: f.instance.id } });
    for (const pattern of [`whatsapp:dm:${"9".repeat(201)}`, `whatsapp:group:${"x".repeat(300)}`]) {
      const e = await f.admin.binding.create({ tenantId: f.tenantId, agentId: f.lobo.id, pattern }).catch((err: { code?: string; message: string }) => err);
      expect(e).toMatchObject({ code: "BAD_REQUEST" });
      expect((e as { message: string }).message).toMatch(/at most (200|260) characters/);
      expect((e as { message: string }).message).not.toMatch(/config is invalid|Too big/);
    }
    expect(await db.configRevision.count({ where: { instanceId: f.instance.id } })).toBe(before);
  });
});

describe("archiving an agent", () => {
  it("takes it out of the list, the config and its bindings, keeps its usage, and frees nothing it should not", async () => {
    const f = await fresh();
    await db.usageDaily.create({ data: { tenantId: f.tenantId, day: new Date("2026-12-01"), agentKey: f.lobo.id, channelKey: f.group.id, model: models.sonnet, calls: 1, inputTokens: 1n, outputTokens: 1n, costTenantMicros: 5n, costListUsdMicros: 1n } });
    expect(await f.admin.agent.archive({ tenantId: f.tenantId, agentId: f.lobo.id })).toEqual({ ok: true, bindingsRemoved: 1 });
    expect((await f.admin.agent.list({ tenantId: f.tenantId })).map((a) => a.externalId)).toEqual(["aguia"]);
    expect(await db.binding.count({ where: { agentId: f.lobo.id } })).toBe(0);
    const rev = await db.configRevision.findFirstOrThrow({ where: { instanceId: f.instance.id, status: "PENDING" } });
    const cfg = clawdbotConfigSchema.parse(rev.config);
    expect(Object.keys(cfg.agents.entries)).toEqual(["aguia"]);
    expect(await db.usageDaily.count({ where: { tenantId: f.tenantId, agentKey: f.lobo.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { tenantId: f.tenantId, action: "agent.archive", entityId: f.lobo.id } })).toBe(1);
    // Archived is gone: a second archive, an edit or a new binding to it find nothing.
    expect(await codeOf(f.admin.agent.archive({ tenantId: f.tenantId, agentId: f.lobo.id }))).toBe("NOT_FOUND");
    expect(await codeOf(f.admin.agent.update({ tenantId: f.tenantId, agentId: f.lobo.id, ...identity("Back", models.sonnet) }))).toBe("NOT_FOUND");
    const clash = await f.admin.agent.create({ tenantId: f.tenantId, externalId: "lobo", ...identity("Lobo 2", models.sonnet) }).catch((e: Error) => e);
    expect(String((clash as Error).message)).toContain("archived agent");
  });

  it("stays archived when the config is rolled back to a revision from before", async () => {
    const f = await fresh();
    await f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group.id, requireMention: false });
    const v1 = await db.configRevision.findFirstOrThrow({ where: { instanceId: f.instance.id }, orderBy: { version: "asc" } });
    await f.admin.agent.archive({ tenantId: f.tenantId, agentId: f.aguia.id });
    await f.admin.configRevision.rollback({ tenantId: f.tenantId, revisionId: v1.id });
    const agent = await db.agent.findUniqueOrThrow({ where: { id: f.aguia.id } });
    expect(agent).toMatchObject({ enabled: false, archivedAt: expect.any(Date) });
    const rev = await db.configRevision.findFirstOrThrow({ where: { instanceId: f.instance.id, status: "PENDING" } });
    expect(Object.keys(clawdbotConfigSchema.parse(rev.config).agents.entries)).toEqual(["lobo"]);
  });
});

describe("saves at the same moment", () => {
  it("parallel saves of different rows of one tenant all succeed, numbered 1..n without gaps, one left pending", async () => {
    const f = await fresh();
    for (let round = 0; round < 3; round++) {
      const results = await Promise.allSettled([
        f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group.id, mentionPatterns: [`@a${round}`] }),
        f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group2.id, mentionPatterns: [`@b${round}`] }),
        f.admin.agent.update({ tenantId: f.tenantId, agentId: f.lobo.id, ...identity(`Lobo ${round}`, models.sonnet) }),
        f.admin.agent.update({ tenantId: f.tenantId, agentId: f.aguia.id, ...identity(`Águia ${round}`, models.sonnet) }),
      ]);
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    }
    const revs = await db.configRevision.findMany({ where: { instanceId: f.instance.id }, orderBy: { version: "asc" } });
    expect(revs.map((r) => r.version)).toEqual(revs.map((_, i) => i + 1));
    expect(revs.filter((r) => r.status === "PENDING").map((r) => r.version)).toEqual([revs.length]);
  });
});

describe("bad input gets a clear message and changes nothing", () => {
  it("an agent row whose id the config cannot hold is left out of the config instead of failing every save", async () => {
    const f = await fresh();
    await db.agent.create({ data: { tenantId: f.tenantId, externalId: "Bad Id/".padEnd(120, "x"), name: "legacy" } });
    await f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group.id, requireMention: false });
    const rev = await db.configRevision.findFirstOrThrow({ where: { instanceId: f.instance.id, status: "PENDING" } });
    const cfg = clawdbotConfigSchema.parse(rev.config);
    expect(Object.keys(cfg.agents.entries).sort()).toEqual(["aguia", "lobo"]);
  });

  it("rejects an empty agent name, naming the field", async () => {
    const f = await fresh();
    const before = await snapshotTenant(db, f.tenantId);
    await expect(f.admin.agent.update({ tenantId: f.tenantId, agentId: f.lobo.id, ...identity("  ", models.sonnet) })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/"name"[\s\S]*Name is required/) });
    expect(await snapshotTenant(db, f.tenantId)).toBe(before);
  });

  it("rejects an unknown model and lists the allowed ones", async () => {
    const f = await fresh();
    const before = await snapshotTenant(db, f.tenantId);
    await expect(f.admin.agent.update({ tenantId: f.tenantId, agentId: f.lobo.id, ...identity("Lobo", "gpt-nonexistent") })).rejects.toThrow(/unknown model "gpt-nonexistent".*t-sonnet/);
    await expect(f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group.id, modelOverride: "nope-1" })).rejects.toThrow(/modelOverride: unknown model/);
    expect(await snapshotTenant(db, f.tenantId)).toBe(before);
  });

  it("rejects a duplicate binding with the agent it is already bound to", async () => {
    const f = await fresh();
    const before = await snapshotTenant(db, f.tenantId);
    await expect(f.admin.binding.create({ tenantId: f.tenantId, agentId: f.aguia.id, channelId: f.group.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/Vendas VIP is already answered by Lobo/),
    });
    expect(await snapshotTenant(db, f.tenantId)).toBe(before);
  });

  it("refuses another tenant's ids as if they did not exist", async () => {
    const f = await fresh();
    const other = await seedTenant(db, models);
    const before = await snapshotTenant(db, other.tenant.id);
    await expect(f.admin.agent.update({ tenantId: f.tenantId, agentId: other.lobo.id, ...identity("Pwned", models.sonnet) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(f.admin.binding.create({ tenantId: f.tenantId, agentId: f.lobo.id, channelId: other.group2.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(f.admin.binding.reassign({ tenantId: f.tenantId, bindingId: other.binding.id, agentId: f.aguia.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(f.admin.binding.create({ tenantId: f.tenantId, agentId: other.aguia.id, channelId: f.group2.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshotTenant(db, other.tenant.id)).toBe(before);
  });

  it("duplicates an agent under a new id and refuses an id in use", async () => {
    const f = await fresh();
    const copy = await f.admin.agent.duplicate({ tenantId: f.tenantId, agentId: f.lobo.id, externalId: "lobo-2" });
    expect(copy).toMatchObject({ name: "Lobo (copy)", model: models.sonnet, emoji: "🐺" });
    await expect(f.admin.agent.duplicate({ tenantId: f.tenantId, agentId: f.lobo.id, externalId: "aguia" })).rejects.toThrow(/already exists/);
  });
});

describe("members and invitations", () => {
  it("never removes or demotes the last owner", async () => {
    const f = await fresh();
    const owner = callerFor(db, f.users.OWNER);
    await expect(owner.member.remove({ tenantId: f.tenantId, membershipId: f.users.OWNER.membershipId })).rejects.toThrow(/at least one owner/);
    await expect(owner.member.changeRole({ tenantId: f.tenantId, membershipId: f.users.OWNER.membershipId, role: "ADMIN" })).rejects.toThrow(/at least one owner/);
    await expect(f.admin.member.remove({ tenantId: f.tenantId, membershipId: f.users.OWNER.membershipId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await owner.member.changeRole({ tenantId: f.tenantId, membershipId: f.users.VIEWER.membershipId, role: "MEMBER" });
    const list = await owner.member.list({ tenantId: f.tenantId });
    expect(list.find((m) => m.user.id === f.users.VIEWER.id)?.role).toBe("MEMBER");
  });

  it("an invitation is mailed, accepted once by the invited address only", async () => {
    const f = await fresh();
    const mailer = captureMailer();
    const admin = callerFor(db, f.users.ADMIN, mailer);
    const email = `new-${rid()}@example.test`;
    await admin.invitation.create({ tenantId: f.tenantId, email, role: "MEMBER" });
    const token = mailer.sent[0]!.invitePath.split("/").pop()!;
    const stored = await db.invitation.findFirstOrThrow({ where: { tenantId: f.tenantId, email } });
    expect(stored.tokenHash).not.toContain(token);
    await expect(callerFor(db, f.users.VIEWER).invitation.accept({ token })).rejects.toThrow(new RegExp(`for ${email}`));
    const invitee = await db.user.create({ data: { email } });
    const as = callerFor(db, { id: invitee.id, email, platformRole: "NONE" });
    await expect(as.invitation.accept({ token })).resolves.toMatchObject({ tenantId: f.tenantId, role: "MEMBER" });
    await expect(as.invitation.accept({ token })).rejects.toThrow(/already used/);
    expect(await as.tenant.mine()).toEqual([expect.objectContaining({ id: f.tenantId, role: "MEMBER" })]);
  });
});

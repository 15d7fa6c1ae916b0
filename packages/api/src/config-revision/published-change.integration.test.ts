/**
 * Published changes as people see them: one per edit session of one person (clock injected, no
 * sleeps), a summary in names with no ids, and the new-agent flow publishing exactly one.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@baas/db";
import { callerFor, captureMailer, rid, seedModels, seedTenant, testDb } from "../lib-app/app-test-fixtures";
import { clawdbotConfigSchema } from "./clawdbot-config.schema";
import { EDIT_SESSION_MS } from "./publish";

let db: Db;
let models: Awaited<ReturnType<typeof seedModels>>;
const RAW_ID = /@g\.us|@s\.whatsapp\.net|\bc[a-z0-9]{20,}\b/;

beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, rid());
});

async function fresh() {
  const f = await seedTenant(db, models);
  let now = new Date("2026-12-04T10:00:00Z");
  const clock = { advance: (ms: number) => void (now = new Date(now.getTime() + ms)) };
  const admin = callerFor(db, f.users.ADMIN, captureMailer(), { clock: () => now });
  const owner = callerFor(db, f.users.OWNER, captureMailer(), { clock: () => now });
  // The instance already runs a first applied revision, as after the plugin connected.
  await admin.configRevision.republish({ tenantId: f.tenant.id });
  const v1 = await db.configRevision.findFirstOrThrow({ where: { instanceId: f.instance.id } });
  await db.configRevision.update({ where: { id: v1.id }, data: { status: "APPLIED", appliedAt: now } });
  await db.instance.update({ where: { id: f.instance.id }, data: { appliedRevisionId: v1.id } });
  return { ...f, admin, owner, clock, tenantId: f.tenant.id };
}

const revisions = (instanceId: string) => db.configRevision.findMany({ where: { instanceId }, orderBy: { version: "asc" } });

describe("edits made together publish as one change", () => {
  it("three toggles by one person within the session are one pending revision that says all three", async () => {
    const f = await fresh();
    await f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group.id, requireMention: false });
    f.clock.advance(60_000);
    await f.admin.binding.addRule({ tenantId: f.tenantId, agentId: f.aguia.id, target: { kind: "chat", channelId: f.group2.id } });
    f.clock.advance(60_000);
    await f.admin.agent.setEnabled({ tenantId: f.tenantId, agentId: f.lobo.id, enabled: false });
    const revs = await revisions(f.instance.id);
    expect(revs.map((r) => [r.version, r.status])).toEqual([[1, "APPLIED"], [2, "PENDING"]]);
    expect(revs[1]!.summary).toBe("Lobo switched off; Águia now answers the group Suporte; The group Vendas VIP now answers every message");
    expect(revs[1]!.summary).not.toMatch(RAW_ID);
    const cfg = clawdbotConfigSchema.parse(revs[1]!.config);
    expect(Object.keys(cfg.agents.entries)).toEqual(["aguia"]);
    // The page gets the same changes as data, to word them in the reader's language.
    const listed = await f.admin.configRevision.list({ tenantId: f.tenantId, instanceId: f.instance.id });
    expect(listed[0]!.changes).toEqual([
      { key: "agentOff", agent: "Lobo" },
      { key: "bindingAdded", agent: "Águia", target: { kind: "group", name: "Suporte" } },
      { key: "chatMentionOff", target: { kind: "group", name: "Vendas VIP" } },
    ]);
    expect(listed[1]!.changes).toBeNull();
  });

  it("an edit after the session, or by another person, starts a new revision", async () => {
    const f = await fresh();
    await f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group.id, requireMention: false });
    f.clock.advance(EDIT_SESSION_MS);
    await f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group2.id, requireMention: false });
    await f.owner.channel.update({ tenantId: f.tenantId, channelId: f.group2.id, policy: "BLOCKED" });
    const revs = await revisions(f.instance.id);
    expect(revs.map((r) => [r.version, r.status, r.summary])).toEqual([
      [1, "APPLIED", "Re-published current settings"],
      [2, "SUPERSEDED", "The group Vendas VIP now answers every message"],
      [3, "SUPERSEDED", "The group Suporte now answers every message"],
      [4, "PENDING", "The group Suporte is now blocked"],
    ]);
  });

  it("edits that undo each other leave nothing pending: the bot is not told to change", async () => {
    const f = await fresh();
    await f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group.id, requireMention: false });
    await f.admin.channel.update({ tenantId: f.tenantId, channelId: f.group.id, requireMention: true });
    expect(await db.configRevision.count({ where: { instanceId: f.instance.id, status: "PENDING" } })).toBe(0);
  });
});

describe("the new-agent flow", () => {
  it("creates the agent bound to a group, a person and all DMs in exactly one revision with a readable summary", async () => {
    const f = await fresh();
    const before = await db.configRevision.count({ where: { tenantId: f.tenantId } });
    const agent = await f.admin.agent.create({
      tenantId: f.tenantId, externalId: "coruja", name: "Coruja", emoji: "🦉", avatarUrl: "", model: models.sonnet, systemPrompt: "", skills: [],
      answers: [{ kind: "chat", channelId: f.group2.id }, { kind: "person", phone: "+55 11 99999-0000" }, { kind: "allDms" }],
    });
    expect(await db.configRevision.count({ where: { tenantId: f.tenantId } })).toBe(before + 1);
    const rev = await db.configRevision.findFirstOrThrow({ where: { instanceId: f.instance.id, status: "PENDING" } });
    expect(rev.summary).toBe("Created the agent Coruja; Coruja now answers the group Suporte; Coruja now answers the direct messages with +5511999990000; Coruja now answers all direct messages");
    const bindings = clawdbotConfigSchema.parse(rev.config).bindings.filter((b) => b.agentId === "coruja");
    expect(bindings).toHaveLength(3);
    expect(await db.binding.count({ where: { agentId: agent.id } })).toBe(3);
  });

  it("a chat another agent answered moves to the new one, and the summary says from whom", async () => {
    const f = await fresh();
    await f.admin.agent.create({ tenantId: f.tenantId, externalId: "coruja", name: "Coruja", emoji: "", avatarUrl: "", model: models.sonnet, systemPrompt: "", skills: [], answers: [{ kind: "chat", channelId: f.group.id }] });
    const rev = await db.configRevision.findFirstOrThrow({ where: { instanceId: f.instance.id, status: "PENDING" } });
    expect(rev.summary).toContain("Coruja now answers the group Vendas VIP instead of Lobo");
  });

  it("refuses a bad phone or another tenant's chat with a sentence, and creates nothing", async () => {
    const f = await fresh();
    const other = await seedTenant(db, models);
    const base = { tenantId: f.tenantId, externalId: "coruja", name: "Coruja", emoji: "", avatarUrl: "", model: models.sonnet, systemPrompt: "", skills: [] };
    await expect(f.admin.agent.create({ ...base, answers: [{ kind: "person", phone: "abc" }] })).rejects.toThrow(/country code/);
    await expect(f.admin.agent.create({ ...base, answers: [{ kind: "chat", channelId: other.group.id }] })).rejects.toThrow(/not known here/);
    expect(await db.agent.count({ where: { tenantId: f.tenantId, externalId: "coruja" } })).toBe(0);
    expect(await db.configRevision.count({ where: { tenantId: f.tenantId } })).toBe(1);
  });
});

describe("the agent on/off switch", () => {
  it("switching an agent off takes its routes out of the config the plugin pulls next; on brings them back", async () => {
    const f = await fresh();
    const pulled = async () => clawdbotConfigSchema.parse((await db.configRevision.findFirstOrThrow({ where: { instanceId: f.instance.id, status: { not: "SUPERSEDED" } }, orderBy: { version: "desc" } })).config);
    expect((await pulled()).bindings.map((b) => b.agentId)).toContain("lobo");
    await f.admin.agent.setEnabled({ tenantId: f.tenantId, agentId: f.lobo.id, enabled: false });
    expect((await pulled()).bindings.map((b) => b.agentId)).not.toContain("lobo");
    f.clock.advance(EDIT_SESSION_MS);
    await f.admin.agent.setEnabled({ tenantId: f.tenantId, agentId: f.lobo.id, enabled: true });
    expect((await pulled()).bindings.map((b) => b.agentId)).toContain("lobo");
  });
});

/** Config pages refuse more bots or groups than the plan allows, with a sentence naming the limit, and change nothing. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, Tier } from "@baas/db";
import { callerFor, rid, seedModels, seedTenant, snapshotTenant, testDb } from "../lib-app/app-test-fixtures";

let db: Db;
let models: Awaited<ReturnType<typeof seedModels>>;
let tier: Tier;

beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, rid());
  tier = await db.tier.create({ data: { key: `small-${rid()}`, name: "Small", priceMonthlyMinor: 0, defaultModel: models.sonnet, allowedModels: [models.sonnet, models.haiku], maxAgents: 2, maxGroups: 1 } });
});

afterAll(async () => {
  await db.subscription.deleteMany({ where: { tierId: tier.id } });
  await db.tier.delete({ where: { id: tier.id } });
});

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    return `${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
}

describe("plan limits on the config pages", () => {
  it("a third bot is refused (create, duplicate, enable) until one is turned off", async () => {
    const f = await seedTenant(db, models); // lobo and aguia, both on
    await db.subscription.create({ data: { tenantId: f.tenant.id, tierId: tier.id } });
    const admin = callerFor(db, f.users.ADMIN);
    const fields = { name: "Coruja", emoji: "", avatarUrl: "", model: models.haiku, systemPrompt: "", skills: [] };
    const before = await snapshotTenant(db, f.tenant.id);
    const sentence = "PRECONDITION_FAILED: The Small plan allows 2 bots and 2 are on already: turn one off, or move to a plan with more bots on the Billing page.";
    expect(await refusal(admin.agent.create({ tenantId: f.tenant.id, ...fields, externalId: "coruja" }))).toBe(sentence);
    expect(await refusal(admin.agent.duplicate({ tenantId: f.tenant.id, agentId: f.lobo.id, externalId: "lobo-2" }))).toBe(sentence);
    expect(await snapshotTenant(db, f.tenant.id)).toBe(before);

    await admin.agent.setEnabled({ tenantId: f.tenant.id, agentId: f.aguia.id, enabled: false });
    expect(await refusal(admin.agent.create({ tenantId: f.tenant.id, ...fields, externalId: "coruja" }))).toBe("OK");
    expect(await refusal(admin.agent.setEnabled({ tenantId: f.tenant.id, agentId: f.aguia.id, enabled: true }))).toBe(sentence);
    expect(await db.agent.findUniqueOrThrow({ where: { id: f.aguia.id } })).toMatchObject({ enabled: false });
    // Turning off or re-saving what is on is never refused.
    expect(await refusal(admin.agent.setEnabled({ tenantId: f.tenant.id, agentId: f.lobo.id, enabled: true }))).toBe("OK");
  });

  it("opening a blocked group past the plan's groups is refused; within it, allowed", async () => {
    const f = await seedTenant(db, models); // two open groups
    await db.subscription.create({ data: { tenantId: f.tenant.id, tierId: tier.id } });
    const admin = callerFor(db, f.users.ADMIN);
    await admin.channel.update({ tenantId: f.tenant.id, channelId: f.group2.id, policy: "BLOCKED" });
    const before = await snapshotTenant(db, f.tenant.id);
    expect(await refusal(admin.channel.update({ tenantId: f.tenant.id, channelId: f.group2.id, policy: "OPEN" }))).toBe(
      "PRECONDITION_FAILED: The Small plan allows 1 group and 1 is on already: turn one off, or move to a plan with more groups on the Billing page.",
    );
    expect(await snapshotTenant(db, f.tenant.id)).toBe(before);
    await admin.channel.update({ tenantId: f.tenant.id, channelId: f.group.id, policy: "BLOCKED" });
    expect(await refusal(admin.channel.update({ tenantId: f.tenant.id, channelId: f.group2.id, policy: "ALLOWLIST" }))).toBe("OK");
  });
});

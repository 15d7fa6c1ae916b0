import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@baas/db";
import { callerFor, codeOf, rid, seedModels, seedTenant, snapshotTenant, testDb } from "../lib-app/app-test-fixtures";

let db: Db;
let models: Awaited<ReturnType<typeof seedModels>>;
beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, rid());
});

describe("rate limits", () => {
  it("an admin adds a per-agent and a team rule, viewers read them, and one is removed", async () => {
    const f = await seedTenant(db, models);
    const tenantId = f.tenant.id;
    const admin = callerFor(db, f.users.ADMIN);
    const a = await admin.rateLimit.create({ tenantId, scope: "AGENT", agentId: f.lobo.id, window: "MINUTE", maxRequests: 20, maxTokens: null });
    await admin.rateLimit.create({ tenantId, scope: "TENANT", agentId: null, window: "DAY", maxRequests: null, maxTokens: 2_000_000 });
    const list = await callerFor(db, f.users.VIEWER).rateLimit.list({ tenantId });
    expect(list.map((r) => [r.label, r.window, r.maxRequests, r.maxTokens])).toEqual([["🐺 Lobo", "MINUTE", 20, null], ["Whole team", "DAY", null, 2_000_000]]);
    await admin.rateLimit.delete({ tenantId, ruleId: a.id });
    expect(await db.rateLimitRule.count({ where: { tenantId } })).toBe(1);
  });

  it("refuses bad input naming the field and changes nothing; another tenant's agent or rule is not found", async () => {
    const f = await seedTenant(db, models);
    const other = await seedTenant(db, models);
    const theirs = await db.rateLimitRule.create({ data: { tenantId: other.tenant.id, scope: "TENANT", window: "MINUTE", maxRequests: 5 } });
    const admin = callerFor(db, f.users.ADMIN);
    const tenantId = f.tenant.id;
    const before = await snapshotTenant(db, tenantId);
    const base = { tenantId, scope: "AGENT" as const, agentId: f.lobo.id, window: "MINUTE" as const, maxRequests: 10, maxTokens: null };
    for (const bad of [{ maxRequests: 0 }, { maxRequests: -5 }, { maxRequests: 1.5 }, { maxRequests: null }, { agentId: null }, { window: "WEEK" }]) {
      expect(await codeOf(admin.rateLimit.create({ ...base, ...bad } as never))).toBe("BAD_REQUEST");
    }
    expect(await codeOf(admin.rateLimit.create({ ...base, agentId: other.lobo.id }))).toBe("BAD_REQUEST");
    expect(await codeOf(admin.rateLimit.delete({ tenantId, ruleId: theirs.id }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(db, f.users.MEMBER).rateLimit.create(base))).toBe("FORBIDDEN");
    expect(await snapshotTenant(db, tenantId)).toBe(before);
    expect(await db.rateLimitRule.count({ where: { id: theirs.id } })).toBe(1);
  });
});

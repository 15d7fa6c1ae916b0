/** An operator moves a workspace's tier without Stripe: audited under their name with the reason; refused for a workspace that pays through Stripe. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, Tier } from "@baas/db";
import type { GatewayEngine } from "@baas/gateway";
import { createTRPCContext, type SessionUser } from "../context";
import { rid, seedModels, seedTenant, testDb } from "../lib-app/app-test-fixtures";
import { createCaller } from "../root";
import { ensureStarter } from "./billing.harness";

let db: Db;
let starter: Tier;
let pilot: Tier;
let operator: SessionUser;
let models: Awaited<ReturnType<typeof seedModels>>;
const invalidated: string[] = [];
const gateway = { invalidate: (id?: string) => void invalidated.push(id ?? "*") } as unknown as GatewayEngine;
const op = () => createCaller(createTRPCContext({ services: { db, gateway }, headers: new Headers(), user: operator })).operator;

beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, rid());
  starter = await ensureStarter(db);
  pilot = await db.tier.create({ data: { key: `pilot-${rid()}`, name: "Pilot", priceMonthlyMinor: 49_700, defaultModel: models.sonnet, allowedModels: [models.sonnet] } });
  const u = await db.user.create({ data: { email: `op-${rid()}@example.test`, platformRole: "OPERATOR" } });
  operator = { id: u.id, email: u.email, name: null, platformRole: "OPERATOR" };
});

afterAll(async () => {
  await db.subscription.deleteMany({ where: { tierId: pilot.id } });
  await db.tier.delete({ where: { id: pilot.id } });
});

describe("operator.setTenantTier", () => {
  it("moves the tier, audits who and why, and drops the gateway's cached settings", async () => {
    const f = await seedTenant(db, models);
    await db.subscription.create({ data: { tenantId: f.tenant.id, tierId: starter.id } });
    expect(await op().setTenantTier({ tenantId: f.tenant.id, tierKey: pilot.key, reason: "pilot until March" })).toEqual({ tierKey: pilot.key, status: "ACTIVE" });
    expect(await db.subscription.findUniqueOrThrow({ where: { tenantId: f.tenant.id } })).toMatchObject({ tierId: pilot.id });
    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: f.tenant.id, action: "billing.tier_change" } });
    expect(audit).toMatchObject({ actorUserId: operator.id, actorKind: "user", before: { tierKey: "starter" }, after: expect.objectContaining({ tierKey: pilot.key, cause: "operator: pilot until March" }) });
    expect(invalidated).toContain(f.tenant.id);
  });

  it("refuses a workspace that pays through Stripe, and a reason-less change, changing nothing", async () => {
    const f = await seedTenant(db, models);
    await db.subscription.create({ data: { tenantId: f.tenant.id, tierId: starter.id, stripeSubscriptionId: `sub_${rid()}`, stripeCustomerId: `cus_${rid()}` } });
    await expect(op().setTenantTier({ tenantId: f.tenant.id, tierKey: pilot.key, reason: "upsell" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/pays through Stripe/) });
    await expect(op().setTenantTier({ tenantId: f.tenant.id, tierKey: pilot.key, reason: "" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/reason/) });
    expect(await db.subscription.findUniqueOrThrow({ where: { tenantId: f.tenant.id } })).toMatchObject({ tierId: starter.id });
    expect(await db.auditLog.count({ where: { tenantId: f.tenant.id, action: { startsWith: "billing." } } })).toBe(0);
  });
});

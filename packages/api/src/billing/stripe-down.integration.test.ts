/** Stripe down: people get 503 with a sentence (never an internal error) and nothing is half-written; an operator's tier edit is still saved. */
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, Tier } from "@baas/db";
import { createTRPCContext, type SessionUser } from "../context";
import { rid, seedModels, seedTenant, snapshotTenant, testDb } from "../lib-app/app-test-fixtures";
import { createCaller } from "../root";
import { createStripeClient, type BillingServices } from "./billing-services";

let db: Db;
let tier: Tier;
let billing: BillingServices;
let models: Awaited<ReturnType<typeof seedModels>>;

/** A loopback port nothing listens on. */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, rid());
  tier = await db.tier.create({ data: { key: `down-${rid()}`, name: "Down Pro", priceMonthlyMinor: 9_900, defaultModel: models.sonnet, allowedModels: [models.sonnet] } });
  billing = { stripe: createStripeClient("sk_test_down", `http://127.0.0.1:${await deadPort()}`), webhookSecret: "whsec_x", appUrl: "http://app.test" };
});

afterAll(async () => {
  await db.subscription.deleteMany({ where: { tierId: tier.id } });
  await db.tier.delete({ where: { id: tier.id } });
});

const as = (user: SessionUser) => createCaller(createTRPCContext({ services: { db, billing }, headers: new Headers(), user }));

describe("Stripe unreachable", () => {
  it("changePlan answers 503 with a sentence and writes nothing", async () => {
    const f = await seedTenant(db, models);
    const before = await snapshotTenant(db, f.tenant.id);
    await expect(as(f.users.OWNER).billing.changePlan({ tenantId: f.tenant.id, tierKey: tier.key })).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/^Stripe did not accept the request/) });
    expect(await snapshotTenant(db, f.tenant.id)).toBe(before);
    expect(await db.tier.findUniqueOrThrow({ where: { id: tier.id } })).toMatchObject({ stripePriceId: null, stripeProductId: null });
  });

  it("an operator's tier edit is saved; the Stripe sync waits for the next Checkout", async () => {
    const u = await db.user.create({ data: { email: `op-${rid()}@example.test`, platformRole: "OPERATOR" } });
    const saved = await as({ id: u.id, email: u.email, platformRole: "OPERATOR" }).operator.updateTier({ tierId: tier.id, priceMonthlyMinor: 12_900, defaultModel: models.sonnet, allowedModels: [models.sonnet], monthlyMessages: null, maxGroups: null, maxAgents: null });
    expect(saved).toMatchObject({ priceMonthlyMinor: 12_900, stripePriceId: null });
  });
});

/**
 * The operator's tier editor and Stripe: a paid tier is one Product with one active monthly
 * Price; a new amount is a new Price and the old one archived (never edited); subscribers on the
 * old Price keep their tier; the operator can create a tier. Checked in the fake's own state.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import type { Db } from "@baas/db";
import { sendStripeWebhook } from "@baas/testkit";
import { createTRPCContext, type SessionUser } from "../context";
import { rid, seedModels, seedTenant, testDb } from "../lib-app/app-test-fixtures";
import { createCaller } from "../root";
import { ensureStarter, startBillingHarness, WEBHOOK_SECRET, type BillingHarness } from "./billing.harness";

const tag = `[sync-${rid()}]`;
let db: Db;
let b: BillingHarness;
let operator: SessionUser;
let models: Awaited<ReturnType<typeof seedModels>>;
const op = () => createCaller(createTRPCContext({ services: b.services, headers: new Headers(), user: operator })).operator;
const fields = () => ({ defaultModel: models.sonnet, allowedModels: [models.sonnet, models.haiku], monthlyMessages: 5_000, maxGroups: 10, maxAgents: 1 });

beforeAll(async () => {
  db = testDb();
  b = await startBillingHarness(db);
  await ensureStarter(db);
  models = await seedModels(db, rid());
  const u = await db.user.create({ data: { email: `op-${rid()}@example.test`, platformRole: "OPERATOR" } });
  operator = { id: u.id, email: u.email, name: null, platformRole: "OPERATOR" };
});

afterAll(async () => {
  await b?.close();
  const tiers = await db.tier.findMany({ where: { name: { startsWith: tag } }, select: { id: true } });
  await db.subscription.deleteMany({ where: { tierId: { in: tiers.map((t) => t.id) } } });
  await db.tier.deleteMany({ where: { name: { startsWith: tag } } });
});

describe("operator tiers on Stripe", () => {
  it("creates a tier with its Product and monthly Price; a new price archives the old one", async () => {
    const key = `gold-${rid()}`;
    const created = await op().createTier({ key, name: `${tag} Gold`, currency: "BRL", priceMonthlyMinor: 29_700, ...fields() });
    const first = b.fake.state.prices.get(created.stripePriceId!)!;
    expect(first).toMatchObject({ unit_amount: 29_700, currency: "brl", active: true, type: "recurring", metadata: { tierKey: key } });
    const productId = String(first.product);
    expect(b.fake.state.products.get(productId)).toMatchObject({ name: `BaaS ${tag} Gold`, metadata: { tierKey: key } });

    // Saving without a price change creates nothing.
    const pricesBefore = b.fake.state.prices.size;
    await op().updateTier({ tierId: created.id, priceMonthlyMinor: 29_700, ...fields(), monthlyMessages: 6_000 });
    expect(b.fake.state.prices.size).toBe(pricesBefore);

    const repriced = await op().updateTier({ tierId: created.id, priceMonthlyMinor: 34_700, ...fields() });
    expect(repriced.stripePriceId).not.toBe(created.stripePriceId);
    expect(b.fake.state.prices.get(repriced.stripePriceId!)).toMatchObject({ unit_amount: 34_700, active: true, product: productId });
    expect(b.fake.state.prices.get(created.stripePriceId!)).toMatchObject({ unit_amount: 29_700, active: false });
    const audit = await db.auditLog.findMany({ where: { entityId: created.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["tier.create", "tier.stripe_sync", "tier.update", "tier.update", "tier.stripe_sync"]);
    expect(audit.every((a) => a.actorUserId === operator.id && a.tenantId === null)).toBe(true);
  });

  it("a subscriber on the archived price keeps the tier; a free tier is not sold", async () => {
    const key = `silver-${rid()}`;
    const tier = await op().createTier({ key, name: `${tag} Silver`, currency: "BRL", priceMonthlyMinor: 9_900, ...fields() });
    const oldPrice = tier.stripePriceId!;
    await op().updateTier({ tierId: tier.id, priceMonthlyMinor: 12_900, ...fields() });
    // A subscription that still pays the old price, announced by Stripe after the change.
    const f = await seedTenant(db, models);
    const customer = await b.stripe.customers.create({ email: "old@example.test" });
    const item = { id: `si_${randomUUID()}`, price: { id: oldPrice, product: String(b.fake.state.prices.get(oldPrice)!.product), metadata: {} }, current_period_start: 1, current_period_end: 2 };
    const sub = { id: `sub_${randomUUID()}`, object: "subscription", status: "active", customer: customer.id, metadata: { tenantId: f.tenant.id }, cancel_at_period_end: false, items: { object: "list", data: [item] } };
    const event = { id: `evt_${randomUUID()}`, object: "event", type: "customer.subscription.created", created: Math.floor(Date.now() / 1000), data: { object: sub as unknown as Stripe.Subscription } };
    expect((await sendStripeWebhook(b.webhookUrl, WEBHOOK_SECRET, event)).status).toBe(200);
    expect(await db.subscription.findUniqueOrThrow({ where: { tenantId: f.tenant.id } })).toMatchObject({ tierId: tier.id, stripePriceId: oldPrice });

    const free = await op().updateTier({ tierId: tier.id, priceMonthlyMinor: 0, ...fields() });
    expect(free.stripePriceId).toBeNull();
    expect([...b.fake.state.prices.values()].filter((p) => p.metadata && (p.metadata as Record<string, string>).tierKey === key && p.active)).toEqual([]);
  });
});

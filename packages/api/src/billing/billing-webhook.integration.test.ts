/**
 * Billing end to end against the fake Stripe with the real SDK: Checkout → signed webhook → the
 * tenant's tier → the next gateway call obeys it (the engine caches tenant settings for ten
 * minutes here, so only the webhook's invalidation can make it obey). Faults are counted in
 * PostgreSQL rows, not in what the receiver answered.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import type { Tier } from "@baas/db";
import { sendStripeWebhook } from "@baas/testkit";
import { createTRPCContext, type SessionUser } from "../context";
import { ask, startHarness, type Harness } from "../gateway/gateway.harness";
import { createCaller } from "../root";
import { ensureStarter, startBillingHarness, WEBHOOK_SECRET, type BillingHarness } from "./billing.harness";
import { sweepExpiredGrace } from "./grace";

const DAY = 86_400_000;
let h: Harness;
let b: BillingHarness;
let starter: Tier;
let pro: Tier;

const ctx = () => ({ agentId: "lobo", sessionKey: `agent:lobo:whatsapp:group:${randomUUID()}@g.us`, callId: `call-${randomUUID()}` });
/** A streamed Sonnet call as the plugin makes it: "allowed" once it streamed to the end and was recorded, else the refusal's sentence. */
async function sonnetAllowed(): Promise<string> {
  try {
    const chunks: string[] = [];
    for await (const c of await h.client.gateway.stream.mutate({ provider: "anthropic", request: ask("hello"), context: ctx() })) chunks.push(c.type);
    return chunks.at(-1) === "usage" ? "allowed" : `incomplete stream: ${chunks.join(",")}`;
  } catch (e) {
    return (e as { data?: { details?: { message?: string } } }).data?.details?.message ?? String(e);
  }
}

async function ownerOf(tenantId: string, tag: string): Promise<SessionUser> {
  const u = await h.db.user.create({ data: { email: `owner-${tag}-${randomUUID().slice(0, 6)}@example.test` } });
  await h.db.membership.create({ data: { tenantId, userId: u.id, role: "OWNER" } });
  return { id: u.id, email: u.email, name: null, platformRole: "NONE" };
}

const sub = () => h.db.subscription.findUniqueOrThrow({ where: { tenantId: h.fx.tenant.id }, include: { tier: true } });
const rows = async () => ({
  events: await h.db.stripeEvent.count({ where: { tenantId: h.fx.tenant.id } }),
  audit: await h.db.auditLog.count({ where: { tenantId: h.fx.tenant.id, action: { startsWith: "billing." } } }),
  sub: JSON.stringify(await sub()),
});

let owner: SessionUser;
let subscriptionId = "";

beforeAll(async () => {
  h = await startHarness({ engine: { configTtlMs: 600_000 } });
  b = await startBillingHarness(h.db, h.engine);
  starter = await ensureStarter(h.db);
  pro = await h.db.tier.create({
    data: { key: `pro-${randomUUID().slice(0, 8)}`, name: "Pro (billing test)", priceMonthlyMinor: 19_700, currency: "BRL", defaultModel: "claude-sonnet-4-5", allowedModels: ["claude-haiku-4-5", "claude-sonnet-4-5"], monthlyMessages: 5_000, maxGroups: 10, maxAgents: 1 },
  });
  await h.db.subscription.create({ data: { tenantId: h.fx.tenant.id, tierId: starter.id } });
  owner = await ownerOf(h.fx.tenant.id, "a");
  await ownerOf(h.fx.tenant.id, "b");
});

afterAll(async () => {
  await b?.close();
  await h?.close();
  if (pro) {
    await h.db.subscription.deleteMany({ where: { tierId: pro.id } });
    await h.db.tier.delete({ where: { id: pro.id } });
  }
});

describe("Checkout → signed webhook → tier → gateway", () => {
  it("refuses plan changes that make no sense, naming why, and starts no Checkout", async () => {
    const api = createCaller(createTRPCContext({ services: b.services, headers: new Headers(), user: owner }));
    await expect(api.billing.changePlan({ tenantId: h.fx.tenant.id, tierKey: "starter" })).rejects.toMatchObject({ code: "CONFLICT", message: "You are already on Starter" });
    await expect(api.billing.changePlan({ tenantId: h.fx.tenant.id, tierKey: "no-such-plan" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: 'tierKey: no such plan "no-such-plan"' });
    await expect(api.billing.portal({ tenantId: h.fx.tenant.id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(b.fake.state.checkoutSessions.size).toBe(0);
  });

  it("an owner on Starter pays for Pro and the next call may use Sonnet", async () => {
    expect(await sonnetAllowed()).toBe("The Starter plan does not include claude-sonnet-4-5; the Pro plan does.");
    const api = createCaller(createTRPCContext({ services: b.services, headers: new Headers(), user: owner }));
    const change = await api.billing.changePlan({ tenantId: h.fx.tenant.id, tierKey: pro.key });
    expect(change.kind).toBe("checkout");
    // Nothing changes until Stripe says so.
    expect((await sub()).tierId).toBe(starter.id);
    const sessionId = new URL((change as { url: string }).url).pathname.split("/").pop()!;
    await b.fake.pay(sessionId);

    const after = await sub();
    expect(after).toMatchObject({ tierId: pro.id, status: "ACTIVE", cancelAtPeriodEnd: false });
    expect(after.stripeSubscriptionId).toMatch(/^sub_/);
    expect(after.currentPeriodEnd!.getTime()).toBeGreaterThan(Date.now() + 27 * DAY);
    subscriptionId = after.stripeSubscriptionId!;
    expect(b.fake.state.deliveries.map((d) => [d.type, d.status])).toEqual([["checkout.session.completed", 200], ["customer.subscription.created", 200], ["invoice.paid", 200]]);
    const audit = await h.db.auditLog.findMany({ where: { tenantId: h.fx.tenant.id, action: "billing.tier_change" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: "system", actorUserId: null, after: expect.objectContaining({ tierKey: pro.key }) });
    expect(await sonnetAllowed()).toBe("allowed");
    // The Stripe product and price were created for the tier on the way.
    const tier = await h.db.tier.findUniqueOrThrow({ where: { id: pro.id } });
    expect(b.fake.state.prices.get(tier.stripePriceId!)).toMatchObject({ unit_amount: 19_700, currency: "brl", active: true, product: tier.stripeProductId });
    const invoices = await api.billing.invoices({ tenantId: h.fx.tenant.id });
    expect(invoices).toEqual([expect.objectContaining({ status: "paid", amountMinor: 19_700, currency: "BRL" })]);
  });

  it("replayed, badly signed and tampered events change nothing", async () => {
    const before = await rows();
    const created = b.fake.state.events.find((e) => e.type === "customer.subscription.created")!;
    const replay = await sendStripeWebhook(b.webhookUrl, WEBHOOK_SECRET, created);
    expect(replay).toMatchObject({ status: 200 });
    expect(JSON.parse(replay.body)).toMatchObject({ duplicate: true });
    // Twice at once: the event id is claimed in the same transaction as its effect.
    await Promise.all([sendStripeWebhook(b.webhookUrl, WEBHOOK_SECRET, created), sendStripeWebhook(b.webhookUrl, WEBHOOK_SECRET, created)]);

    const forged = { ...structuredClone(created), id: `evt_forged_${randomUUID()}`, type: "customer.subscription.deleted" };
    expect((await sendStripeWebhook(b.webhookUrl, "whsec_not_the_secret", forged)).status).toBe(400);
    const noHeader = await fetch(b.webhookUrl, { method: "POST", body: JSON.stringify(forged), headers: { "content-type": "application/json" } });
    expect(noHeader.status).toBe(400);
    expect(await rows()).toEqual(before);
    expect(await h.db.stripeEvent.count({ where: { id: forged.id } })).toBe(0);
  });

  it("an older update delivered after a newer one changes nothing", async () => {
    const before = await rows();
    const current = await b.stripe.subscriptions.retrieve(subscriptionId);
    const stateAt = (await sub()).stripeStateAt!.getTime() / 1000;
    const older: Partial<Stripe.Event> = {
      id: `evt_old_${randomUUID()}`, object: "event", type: "customer.subscription.updated", created: stateAt - 3600, livemode: false, api_version: "2026-10-28.endive",
      data: { object: { ...current, status: "canceled" } as unknown as Stripe.Subscription }, pending_webhooks: 1, request: { id: null, idempotency_key: null },
    };
    const r = await sendStripeWebhook(b.webhookUrl, WEBHOOK_SECRET, older);
    expect(JSON.parse(r.body)).toMatchObject({ outcome: "stale" });
    const after = await rows();
    expect(after.sub).toBe(before.sub);
    expect(after.audit).toBe(before.audit);
    expect(await h.db.stripeEvent.findUniqueOrThrow({ where: { id: older.id! } })).toMatchObject({ outcome: "stale", tenantId: h.fx.tenant.id });
    expect(await sonnetAllowed()).toBe("allowed");
  });
});

describe("plan changes on a running subscription", () => {
  it("Starter schedules the end at the period's close, the same plan again resumes it, and the portal opens for the customer", async () => {
    const api = createCaller(createTRPCContext({ services: b.services, headers: new Headers(), user: owner }));
    const down = await api.billing.changePlan({ tenantId: h.fx.tenant.id, tierKey: "starter" });
    expect(down).toMatchObject({ kind: "requested", message: expect.stringMatching(/ends at the end of this period/) });
    await b.fake.flushWebhooks();
    expect(await sub()).toMatchObject({ tierId: pro.id, cancelAtPeriodEnd: true, status: "ACTIVE" });
    expect(await api.billing.get({ tenantId: h.fx.tenant.id })).toMatchObject({ cancelAtPeriodEnd: true, tier: expect.objectContaining({ key: pro.key }) });

    await api.billing.changePlan({ tenantId: h.fx.tenant.id, tierKey: pro.key });
    await b.fake.flushWebhooks();
    expect(await sub()).toMatchObject({ tierId: pro.id, cancelAtPeriodEnd: false });
    expect(b.fake.state.checkoutSessions.size).toBe(1); // still only the first Checkout

    const { url } = await api.billing.portal({ tenantId: h.fx.tenant.id });
    const portal = await fetch(url);
    expect(await portal.text()).toContain(subscriptionId);
  });
});

describe("concurrent delivery", () => {
  it("eight updates of one subscription delivered at once, newest last or first, end in the newest one's state", async () => {
    const tenant = await h.db.tenant.create({ data: { slug: `burst-${randomUUID().slice(0, 8)}`, name: "Burst" } });
    const priceId = (await h.db.tier.findUniqueOrThrow({ where: { id: pro.id } })).stripePriceId!;
    const base = Math.floor(Date.now() / 1000) - 100;
    const subObject = (i: number) => ({
      id: "sub_burst", object: "subscription", customer: "cus_burst", status: "active", metadata: { tenantId: tenant.id }, cancel_at_period_end: i === 7,
      items: { object: "list", data: [{ id: "si_burst", price: { id: priceId, product: null, metadata: {} }, current_period_start: base, current_period_end: base + 30 * 86_400 + i }] },
    });
    const events = Array.from({ length: 8 }, (_, i) => ({ id: `evt_burst_${i}_${randomUUID()}`, object: "event", type: "customer.subscription.updated", created: base + i, data: { object: subObject(i) } }));
    const answers = await Promise.all([...events.slice(4), ...events.slice(0, 4).reverse()].map((e) => sendStripeWebhook(b.webhookUrl, WEBHOOK_SECRET, e)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const row = await h.db.subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(row).toMatchObject({ tierId: pro.id, cancelAtPeriodEnd: true, stripeStateAt: new Date((base + 7) * 1000) });
    expect(await h.db.auditLog.count({ where: { tenantId: tenant.id, action: "billing.tier_change" } })).toBe(1);
    await h.db.tenant.delete({ where: { id: tenant.id } });
  });
});

describe("payment failure → past due → grace → Starter → recovery", () => {
  it("keeps Pro for 7 days, e-mails every owner once, then Starter; a payment brings Pro back", async () => {
    b.clock.now = new Date();
    await b.fake.failRenewal(subscriptionId);
    const pastDue = await sub();
    expect(pastDue).toMatchObject({ status: "PAST_DUE", tierId: pro.id });
    expect(pastDue.graceEndsAt!.getTime()).toBe(b.clock.now.getTime() + 7 * DAY);
    const owners = b.mails.filter((m) => m.subject.startsWith("Payment failed"));
    expect(owners.map((m) => m.to).sort()).toHaveLength(2);
    expect(owners[0]!.text).toContain(pastDue.graceEndsAt!.toISOString().slice(0, 10));
    expect(owners[0]!.link).toBe(`http://app.test/t/${h.fx.tenant.id}/billing`);
    expect(await sonnetAllowed()).toBe("allowed");

    expect(await sweepExpiredGrace(b.services, new Date(b.clock.now.getTime() + 7 * DAY - 1000))).toEqual([]);
    expect((await sub()).tierId).toBe(pro.id);
    b.clock.now = new Date(b.clock.now.getTime() + 7 * DAY);
    expect(await sweepExpiredGrace(b.services, b.clock.now)).toEqual([h.fx.tenant.id]);
    expect(await sweepExpiredGrace(b.services, b.clock.now)).toEqual([]); // a second sweeper finds nothing
    expect(await sub()).toMatchObject({ status: "PAST_DUE", tierId: starter.id });
    expect(await sonnetAllowed()).toMatch(/does not include claude-sonnet-4-5/);
    const grace = await h.db.auditLog.findFirstOrThrow({ where: { tenantId: h.fx.tenant.id, action: "billing.tier_change" }, orderBy: { createdAt: "desc" } });
    expect(grace.after).toMatchObject({ tierKey: "starter", cause: "grace" });

    await b.fake.recoverRenewal(subscriptionId);
    expect(await sub()).toMatchObject({ status: "ACTIVE", tierId: pro.id, pastDueSince: null, graceEndsAt: null });
    expect(await sonnetAllowed()).toBe("allowed");
  });

  it("a canceled subscription puts the tenant on Starter, and a late update cannot bring it back", async () => {
    const updatedEvents = b.fake.state.events.filter((e) => e.type === "customer.subscription.updated");
    await b.stripe.subscriptions.cancel(subscriptionId);
    await b.fake.flushWebhooks();
    expect(await sub()).toMatchObject({ status: "CANCELED", tierId: starter.id });
    expect(await sonnetAllowed()).toMatch(/does not include/);
    // A redelivered "active" update of the same subscription arrives after the deletion.
    const late = { ...structuredClone(updatedEvents.at(-1)!), id: `evt_late_${randomUUID()}` };
    const before = await rows();
    await sendStripeWebhook(b.webhookUrl, WEBHOOK_SECRET, late);
    expect((await rows()).sub).toBe(before.sub);
  });
});

/**
 * Opus on credits (Business): bought through a one-time Checkout, added once by the signed
 * webhook, spent one per admitted call, refused with a sentence when none are left. Counted in
 * the Subscription row, not in what callers were told.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tier } from "@baas/db";
import { sendStripeWebhook } from "@baas/testkit";
import { createTRPCContext, type SessionUser } from "../context";
import { ask, startHarness, type Harness } from "../gateway/gateway.harness";
import { createCaller } from "../root";
import { ensureStarter, startBillingHarness, WEBHOOK_SECRET, type BillingHarness } from "./billing.harness";
import { CREDIT_PACK } from "./credits";

const OPUS = "claude-opus-4-1";
let h: Harness;
let b: BillingHarness;
let business: Tier;
let owner: SessionUser;

const ctx = () => ({ agentId: "lobo", sessionKey: `agent:lobo:whatsapp:group:${randomUUID()}@g.us`, callId: `call-${randomUUID()}` });
const call = (model: string) =>
  h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("oi", { model }), context: ctx() }).then(
    () => "allowed",
    (e: { data?: { details?: { message?: string } } }) => e.data?.details?.message ?? String(e),
  );
const balance = async () => (await h.db.subscription.findUniqueOrThrow({ where: { tenantId: h.fx.tenant.id } })).creditBalance;

beforeAll(async () => {
  h = await startHarness();
  b = await startBillingHarness(h.db, h.engine);
  await ensureStarter(h.db);
  business = await h.db.tier.create({
    data: { key: `biz-${randomUUID().slice(0, 8)}`, name: "Business (credits test)", priceMonthlyMinor: 49_700, defaultModel: "claude-sonnet-4-5", allowedModels: ["claude-haiku-4-5", "claude-sonnet-4-5"], creditModels: [OPUS] },
  });
  await h.db.subscription.create({ data: { tenantId: h.fx.tenant.id, tierId: business.id } });
  const u = await h.db.user.create({ data: { email: `owner-credits-${randomUUID().slice(0, 6)}@example.test` } });
  await h.db.membership.create({ data: { tenantId: h.fx.tenant.id, userId: u.id, role: "OWNER" } });
  owner = { id: u.id, email: u.email, name: null, platformRole: "NONE" };
});

afterAll(async () => {
  await b?.close();
  await h?.close();
  if (business) {
    await h.db.subscription.deleteMany({ where: { tierId: business.id } });
    await h.db.tier.delete({ where: { id: business.id } });
  }
});

describe("Opus credits", () => {
  it("without credits Opus is refused (preflight picks the plan's default); Sonnet needs none", async () => {
    expect(await call(OPUS)).toBe(`No credits left for ${OPUS} on the Business (credits test) plan: an owner can buy more on the Billing page.`);
    expect(await h.client.gateway.preflight.mutate({ context: ctx(), model: OPUS })).toMatchObject({ allow: true, model: "claude-sonnet-4-5" });
    expect(await call("claude-sonnet-4-5")).toBe("allowed");
    expect(await balance()).toBe(0);
  });

  it("a pack bought through Checkout is added once, even when the event is replayed", async () => {
    const api = createCaller(createTRPCContext({ services: b.services, headers: new Headers(), user: owner }));
    const { url } = await api.billing.buyCredits({ tenantId: h.fx.tenant.id });
    const sessionId = new URL(url).pathname.split("/").pop()!;
    expect(b.fake.state.checkoutSessions.get(sessionId)).toMatchObject({ mode: "payment", amount_total: CREDIT_PACK.priceMinor, currency: "brl" });
    await b.fake.pay(sessionId);
    expect(await balance()).toBe(CREDIT_PACK.credits);
    const completed = b.fake.state.events.find((e) => e.type === "checkout.session.completed")!;
    expect(JSON.parse((await sendStripeWebhook(b.webhookUrl, WEBHOOK_SECRET, completed)).body)).toMatchObject({ duplicate: true });
    expect(await balance()).toBe(CREDIT_PACK.credits);
    expect(await h.db.auditLog.count({ where: { tenantId: h.fx.tenant.id, action: "billing.credits_purchase" } })).toBe(1);
  });

  it("each admitted Opus call spends one credit; racing callers never get more calls than credits", async () => {
    expect(await h.client.gateway.preflight.mutate({ context: ctx(), model: OPUS })).toMatchObject({ allow: true, model: OPUS });
    expect(await call(OPUS)).toBe("allowed");
    expect(await balance()).toBe(CREDIT_PACK.credits - 1);
    await h.db.subscription.update({ where: { tenantId: h.fx.tenant.id }, data: { creditBalance: 2 } });
    const opusBefore = h.fake.requests.filter((q) => (q.body as { model?: string }).model === OPUS).length;
    const results = await Promise.all(Array.from({ length: 6 }, () => call(OPUS)));
    expect(results.filter((r) => r === "allowed").length).toBeGreaterThanOrEqual(2);
    // Six callers racing for two credits: exactly two Opus answers, counted at the upstream.
    expect(results.filter((r) => r === "allowed")).toHaveLength(2);
    expect(results.filter((r) => /^No credits left/.test(r))).toHaveLength(4);
    expect(h.fake.requests.filter((q) => (q.body as { model?: string }).model === OPUS).length - opusBefore).toBe(2);
    expect(await balance()).toBe(0);
    expect(await call(OPUS)).toMatch(/^No credits left/);
  });
});

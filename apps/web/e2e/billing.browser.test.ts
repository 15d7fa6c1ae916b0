/**
 * Billing in the browser, end to end against the fake Stripe (real SDK, real signatures): the demo
 * owner of a tenant on Starter upgrades to Pro through the Checkout redirect; the fake completes
 * it and delivers the signed webhooks to /api/stripe/webhook before sending the browser back; the
 * page shows Pro with Sonnet, and the next gateway call with Sonnet reaches the upstream where it
 * was refused before.
 */
import { randomBytes } from "node:crypto";
import { parseEncryptionKey } from "@baas/db";
import { seedTiers } from "@baas/db/seed";
import { createGatewayFixture, type GatewayFixture } from "@baas/gateway/testing";
import { signStripeEvent, startFakeLlm, startFakeStripe, type FakeLlm, type FakeStripe } from "@baas/testkit";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "./support/app-server";
import { launchBrowser, shot } from "./support/browser";
import { testDb } from "./support/fixtures";

const db = testDb();
const SECRET = `whsec_e2e_${randomBytes(8).toString("hex")}`;
let llm: FakeLlm;
let stripe: FakeStripe;
let fx: GatewayFixture;
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  if (!(await db.tier.findUnique({ where: { key: "pro" } }))) await seedTiers(db).catch(() => undefined);
  const starter = await db.tier.findUniqueOrThrow({ where: { key: "starter" } });
  llm = await startFakeLlm({});
  fx = await createGatewayFixture(db, { llmUrl: llm.url, encryptionKey: parseEncryptionKey(process.env.BAAS_ENCRYPTION_KEY!) });
  // This server's engine sees every account in the shared database: ours first.
  await db.upstreamAccount.update({ where: { id: fx.accounts.max1.id }, data: { priority: -1000 } });
  const owner = await db.user.create({ data: { email: `bill-owner-${fx.tenant.slug}@e2e.test`, name: "Billing Owner" } });
  await db.membership.create({ data: { tenantId: fx.tenant.id, userId: owner.id, role: "OWNER" } });
  await db.agent.create({ data: { tenantId: fx.tenant.id, externalId: "lobo", name: "Lobo", emoji: "🐺" } });
  await db.subscription.create({ data: { tenantId: fx.tenant.id, tierId: starter.id } });
  stripe = await startFakeStripe({ webhookSecret: SECRET });
  app = await startApp({
    DATABASE_URL: process.env.DATABASE_URL!, AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-auth-secret-0123456789",
    BAAS_DEMO_MODE: "force", BAAS_DEMO_TENANT_SLUG: fx.tenant.slug, RESEND_API_KEY: "",
    STRIPE_SECRET_KEY: "sk_test_e2e", STRIPE_API_BASE: stripe.url, STRIPE_WEBHOOK_SECRET: SECRET,
  });
  stripe.setWebhook(`${app.url}/api/stripe/webhook`);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await stripe?.close();
  await llm?.close();
  // A dead upstream at the head of the shared pool would slow every later suite down.
  if (fx) await db.upstreamAccount.deleteMany({ where: { name: { startsWith: fx.accountPrefix } } });
});

async function signedIn(width: number, height: number): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${app.url}/signin`);
  await page.getByRole("button", { name: "Sign in as the demo owner" }).click();
  await page.getByRole("heading", { name: "Overview" }).waitFor();
  return page;
}

/** A Sonnet call as the plugin makes it: the HTTP status and, when refused, the sentence. */
async function sonnetCall(): Promise<{ status: number; message: string }> {
  const res = await fetch(`${app.url}/api/trpc/gateway.complete`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${fx.instanceKey}` },
    body: JSON.stringify({ json: { provider: "anthropic", request: { model: "claude-sonnet-4-5", max_tokens: 50, messages: [{ role: "user", content: "oi" }] }, context: { agentId: "lobo", callId: `e2e-bill-${randomBytes(6).toString("hex")}` } } }),
  });
  const body = (await res.json()) as { error?: { json: { data: { details?: { message?: string } } } } };
  return { status: res.status, message: body.error?.json.data.details?.message ?? "" };
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("billing in the browser", () => {
  it("the owner on Starter upgrades to Pro through Checkout and the next Sonnet call goes through", async () => {
    expect(await sonnetCall()).toMatchObject({ status: 402, message: expect.stringMatching(/does not include claude-sonnet-4-5/) });
    const page = await signedIn(1280, 900);
    await page.getByRole("link", { name: "Billing" }).click();
    await page.getByRole("heading", { name: "Billing" }).waitFor();
    const current = page.getByTestId("current-plan");
    expect(await current.innerText()).toMatch(/Starter[\s\S]*Active[\s\S]*Models: Haiku[\s\S]*Free plan/);
    await page.getByText("No invoices yet.").waitFor();
    await shot(page, "40-billing-starter");

    await page.getByRole("button", { name: "Upgrade to Pro" }).click();
    await page.waitForURL(`${stripe.url}/checkout/**`);
    expect(await page.locator("body").innerText()).toMatch(/Total: 197\.00 BRL/);
    await shot(page, "41-stripe-checkout");
    await page.getByRole("button", { name: "Pay" }).click();
    await page.waitForURL(`${app.url}/t/${fx.tenant.id}/billing?checkout=success**`);
    await page.getByText("Payment received").waitFor();
    expect(await current.innerText()).toMatch(/Pro[\s\S]*Active[\s\S]*Models: Haiku, Sonnet[\s\S]*Renews on/);
    await page.getByTestId("invoices").getByText(/R\$197\.00 · paid/).waitFor();
    await shot(page, "42-billing-pro");
    expect(await noSidewaysScroll(page)).toBe(true);

    expect(stripe.state.deliveries.map((d) => [d.type, d.status])).toEqual([["checkout.session.completed", 200], ["customer.subscription.created", 200], ["invoice.paid", 200]]);
    const sub = await db.subscription.findUniqueOrThrow({ where: { tenantId: fx.tenant.id }, include: { tier: true } });
    expect(sub).toMatchObject({ status: "ACTIVE", tier: expect.objectContaining({ key: "pro" }) });
    const before = llm.requests.length;
    expect(await sonnetCall()).toMatchObject({ status: 200 });
    expect(llm.requests.length).toBe(before + 1);
  });

  it("moves the running subscription to Business (no second Checkout) and buys Opus credits through a one-time Checkout", async () => {
    const page = await signedIn(1280, 900);
    await page.goto(`${app.url}/t/${fx.tenant.id}/billing`);
    const subBefore = await db.subscription.findUniqueOrThrow({ where: { tenantId: fx.tenant.id } });
    await page.getByRole("button", { name: "Upgrade to Business" }).click();
    await page.getByText("Change to Business requested").waitFor();
    // The page looks again until Stripe's event has moved the plan.
    await page.getByTestId("current-plan").getByText("Business", { exact: true }).waitFor();
    const credits = page.getByTestId("credits");
    expect(await credits.innerText()).toMatch(/Opus credits: 0 calls left/);
    expect(await db.subscription.findUniqueOrThrow({ where: { tenantId: fx.tenant.id } })).toMatchObject({ stripeSubscriptionId: subBefore.stripeSubscriptionId, status: "ACTIVE" });

    await credits.getByRole("button", { name: /Buy 100 for R\$99/ }).click();
    await page.waitForURL(`${stripe.url}/checkout/**`);
    await page.getByRole("button", { name: "Pay" }).click();
    await page.waitForURL(`${app.url}/t/${fx.tenant.id}/billing?checkout=success**`);
    await credits.getByText("100", { exact: true }).waitFor();
    await shot(page, "44-billing-business-credits");
    expect((await db.subscription.findUniqueOrThrow({ where: { tenantId: fx.tenant.id } })).creditBalance).toBe(100);
  });

  it("the webhook route refuses unsigned, badly signed and oversized bodies and records nothing", async () => {
    const sub = () => db.subscription.findUniqueOrThrow({ where: { tenantId: fx.tenant.id } }).then((r) => JSON.stringify(r));
    const before = await sub();
    const events = () => db.stripeEvent.count({ where: { tenantId: fx.tenant.id } });
    const eventsBefore = await events();
    const event = structuredClone(stripe.state.events.find((e) => e.type === "customer.subscription.created")!);
    Object.assign(event, { id: `evt_forged_${randomBytes(6).toString("hex")}`, type: "customer.subscription.deleted" });
    const post = (body: string, headers: Record<string, string> = {}) => fetch(`${app.url}/api/stripe/webhook`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    expect((await post(JSON.stringify(event))).status).toBe(400);
    expect((await post(JSON.stringify(event), { "stripe-signature": signStripeEvent(JSON.stringify(event), "whsec_someone_else") })).status).toBe(400);
    expect((await post(`${JSON.stringify(event)} `, { "stripe-signature": signStripeEvent(JSON.stringify(event), SECRET) })).status).toBe(400);
    expect((await post("x".repeat(600 * 1024), { "stripe-signature": "t=1,v1=00" })).status).toBe(413);
    // Other suites share the database: only this tenant's rows and this event id are ours to count.
    expect(await db.stripeEvent.count({ where: { id: event.id } })).toBe(0);
    expect(await events()).toBe(eventsBefore);
    expect(await sub()).toBe(before);
  });

  it("fits a phone: plan, quota bars, plans and invoices without sideways scrolling", async () => {
    const page = await signedIn(390, 844);
    await page.goto(`${app.url}/t/${fx.tenant.id}/billing`);
    await page.getByTestId("quota-Messages").waitFor();
    await page.getByTestId("invoices").getByText(/paid/).waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    await shot(page, "43-billing-phone");
  });
});

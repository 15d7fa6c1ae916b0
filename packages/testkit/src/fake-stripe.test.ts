import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripe } from "./fake-stripe";
import type { FakeStripe } from "./stripe-types";
import { sendStripeWebhook, signStripeEvent } from "./stripe-webhook";

const secret = "whsec_test_secret";
let fake: FakeStripe;
let receiver: Server;
let stripe: Stripe;
let webhookUrl: string;
/** Events the test receiver accepted after verifying their signature with the real SDK. */
const received: Stripe.Event[] = [];
const rejected: string[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        const sig = req.headers["stripe-signature"];
        received.push(stripe.webhooks.constructEvent(Buffer.concat(chunks), String(sig), secret));
        res.writeHead(200).end("ok");
      } catch (err) {
        rejected.push(String(err));
        res.writeHead(400).end("bad signature");
      }
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/stripe/webhook`;
  fake = await startFakeStripe({ webhookUrl, webhookSecret: secret });
  stripe = new Stripe("sk_test_fake", { host: fake.host, port: fake.port, protocol: fake.protocol, maxNetworkRetries: 0 });
});

afterAll(async () => {
  await fake.close();
  await new Promise((r) => receiver.close(r));
});

async function proPrice(): Promise<Stripe.Price> {
  const product = await stripe.products.create({ name: "Pro" });
  return stripe.prices.create({
    product: product.id, unit_amount: 4900, currency: "usd", recurring: { interval: "month" }, lookup_key: "pro_monthly",
  });
}

describe("fake Stripe through the real SDK", () => {
  it("runs a Checkout subscription end to end with a verified webhook", async () => {
    const price = await proPrice();
    const customer = await stripe.customers.create({ email: "ana@example.com", metadata: { tenantId: "t1" } });
    expect(customer.id).toMatch(/^cus_/);
    await expect(stripe.customers.retrieve(customer.id)).resolves.toMatchObject({ email: "ana@example.com", metadata: { tenantId: "t1" } });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription", customer: customer.id,
      line_items: [{ price: price.id, quantity: 2 }],
      success_url: "http://app.test/billing?session={CHECKOUT_SESSION_ID}", cancel_url: "http://app.test/billing",
      metadata: { tenantId: "t1", tier: "pro" }, subscription_data: { metadata: { tenantId: "t1" } },
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.amount_total).toBe(9800);
    const page = await fetch(session.url!);
    expect(await page.text()).toContain('action="/checkout/' + session.id + '/pay"');

    const paid = await fetch(`${fake.url}/checkout/${session.id}/pay`, { method: "POST", redirect: "manual" });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`http://app.test/billing?session=${session.id}`);

    expect(rejected).toEqual([]);
    expect(received.map((e) => e.type)).toEqual(["checkout.session.completed", "customer.subscription.created", "invoice.paid"]);
    const completed = received[0]!.data.object as Stripe.Checkout.Session;
    expect(completed).toMatchObject({ id: session.id, metadata: { tenantId: "t1", tier: "pro" }, payment_status: "paid" });
    const sub = await stripe.subscriptions.retrieve(String(completed.subscription));
    expect(sub).toMatchObject({ status: "active", customer: customer.id, metadata: { tenantId: "t1" } });
    expect(sub.items.data[0]?.price.id).toBe(price.id);
    const again = await stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription"] });
    expect(again.status).toBe("complete");
    expect((again.subscription as Stripe.Subscription).id).toBe(sub.id);
  });

  it("updates, cancels and opens the billing portal", async () => {
    const price = await proPrice();
    const session = await stripe.checkout.sessions.create({
      mode: "subscription", customer_email: "bo@example.com", line_items: [{ price: price.id, quantity: 1 }],
      success_url: "http://app.test/ok",
    });
    const done = await fake.pay(session.id);
    const subId = String(done.subscription);
    const updated = await stripe.subscriptions.update(subId, { cancel_at_period_end: true });
    expect(updated.cancel_at_period_end).toBe(true);
    await fake.flushWebhooks();
    expect(received.at(-1)).toMatchObject({ type: "customer.subscription.updated", data: { previous_attributes: { cancel_at_period_end: false } } });
    const portal = await stripe.billingPortal.sessions.create({ customer: String(done.customer), return_url: "http://app.test/billing" });
    expect(portal.url).toContain(`${fake.url}/billing_portal/`);
    const canceled = await stripe.subscriptions.cancel(subId);
    expect(canceled.status).toBe("canceled");
    await fake.flushWebhooks();
    expect(received.at(-1)?.type).toBe("customer.subscription.deleted");
  });

  it("lists prices by lookup key, expanding the product", async () => {
    const price = await proPrice(); // moves the lookup key to the newest price
    const prices = await stripe.prices.list({ lookup_keys: ["pro_monthly"], expand: ["data.product"] });
    expect(prices.data.map((p) => p.id)).toEqual([price.id]);
    expect((prices.data[0]?.product as Stripe.Product).name).toBe("Pro");
  });

  it("answers unknown ids and missing params with Stripe's errors", async () => {
    await expect(stripe.customers.retrieve("cus_nope")).rejects.toMatchObject({ type: "StripeInvalidRequestError", statusCode: 404, code: "resource_missing" });
    await expect(stripe.checkout.sessions.create({ mode: "subscription", line_items: [] } as never)).rejects.toMatchObject({ statusCode: 400, param: "success_url" });
    const anon = await fetch(`${fake.url}/v1/customers`, { method: "POST" });
    expect(anon.status).toBe(401);
  });

  it("signs standalone events that the SDK verifies; a wrong secret fails", async () => {
    const payload = JSON.stringify({ id: "evt_1", object: "event", type: "invoice.paid", data: { object: {} } });
    expect(stripe.webhooks.constructEvent(payload, signStripeEvent(payload, secret), secret).type).toBe("invoice.paid");
    expect(() => stripe.webhooks.constructEvent(payload, signStripeEvent(payload, "whsec_other"), secret)).toThrow();
    const before = received.length;
    const res = await sendStripeWebhook(webhookUrl, secret, JSON.parse(payload));
    expect(res.status).toBe(200);
    expect(received.length).toBe(before + 1);
  });
});

describe("fake Stripe invoices, failed renewals and archived prices", () => {
  it("invoices the first period, fails and recovers a renewal with the events Stripe sends", async () => {
    const price = await proPrice();
    const session = await stripe.checkout.sessions.create({ mode: "subscription", customer_email: "bia@example.com", line_items: [{ price: price.id }], success_url: "http://app.test/ok" });
    const from = fake.state.deliveries.length;
    await fake.pay(session.id);
    const subId = String(fake.state.checkoutSessions.get(session.id)!.subscription);
    const customer = String(fake.state.subscriptions.get(subId)!.customer);
    expect(fake.state.deliveries.slice(from).map((d) => d.type)).toEqual(["checkout.session.completed", "customer.subscription.created", "invoice.paid"]);
    await fake.failRenewal(subId);
    expect((await stripe.subscriptions.retrieve(subId)).status).toBe("past_due");
    await fake.recoverRenewal(subId);
    expect((await stripe.subscriptions.retrieve(subId)).status).toBe("active");
    expect(fake.state.deliveries.slice(from + 3).map((d) => [d.type, d.status])).toEqual([
      ["invoice.payment_failed", 200], ["customer.subscription.updated", 200], ["invoice.paid", 200], ["customer.subscription.updated", 200],
    ]);
    const invoices = await stripe.invoices.list({ customer });
    expect(invoices.data.map((i) => [i.status, i.amount_paid])).toEqual([["paid", 4900], ["paid", 4900]]);
    expect(invoices.data[0]!.hosted_invoice_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invoice\/in_/);
  });

  it("archives a price (never changes its amount) and renames a product", async () => {
    const price = await proPrice();
    expect(await stripe.prices.update(price.id, { active: false })).toMatchObject({ active: false, unit_amount: 4900 });
    await expect(stripe.prices.update(price.id, { unit_amount: 1 } as never)).rejects.toThrow(/unit_amount/);
    expect(await stripe.products.update(String(price.product), { name: "Pro 2" })).toMatchObject({ name: "Pro 2" });
  });
});

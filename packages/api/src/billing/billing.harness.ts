/**
 * Test harness for billing: the testkit's fake Stripe driven by the real SDK, delivering signed
 * events to a loopback receiver that hands the raw body to handleStripeWebhook (what the Next
 * route does), a clock the test moves, and captured owner e-mails.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import type { Db, Tier } from "@baas/db";
import { seedTiers } from "@baas/db/seed";
import type { GatewayEngine } from "@baas/gateway";
import { startFakeStripe, type FakeStripe } from "@baas/testkit";
import type { ApiServices } from "../context";
import type { BillingMail, BillingServices } from "./billing-services";
import { handleStripeWebhook } from "./webhook";

export const WEBHOOK_SECRET = "whsec_billing_test_secret";

export interface BillingHarness {
  fake: FakeStripe;
  stripe: Stripe;
  services: ApiServices & { billing: BillingServices };
  webhookUrl: string;
  mails: BillingMail[];
  clock: { now: Date };
  close(): Promise<void>;
}

/** The seeded tiers (Starter is the fallback everything drops to); created when this database has none. */
export async function ensureStarter(db: Db): Promise<Tier> {
  const found = await db.tier.findUnique({ where: { key: "starter" } });
  if (found) return found;
  await seedTiers(db).catch(() => undefined); // another file seeding at the same moment
  return db.tier.findUniqueOrThrow({ where: { key: "starter" } });
}

function receiver(services: () => ApiServices): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const sig = req.headers["stripe-signature"];
      handleStripeWebhook(services(), Buffer.concat(chunks), typeof sig === "string" ? sig : null).then(
        (a) => res.writeHead(a.status, { "content-type": "application/json" }).end(JSON.stringify(a.body)),
        (e: unknown) => res.writeHead(500).end(String(e)),
      );
    });
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r(server)));
}

export async function startBillingHarness(db: Db, gateway?: GatewayEngine): Promise<BillingHarness> {
  const mails: BillingMail[] = [];
  const clock = { now: new Date() };
  const holder: { services?: BillingHarness["services"] } = {};
  const server = await receiver(() => holder.services!);
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/stripe/webhook`;
  const fake = await startFakeStripe({ webhookUrl, webhookSecret: WEBHOOK_SECRET });
  const stripe = new Stripe("sk_test_billing", { host: fake.host, port: fake.port, protocol: fake.protocol, maxNetworkRetries: 0 });
  const billing: BillingServices = {
    stripe, webhookSecret: WEBHOOK_SECRET, appUrl: "http://app.test",
    sendEmail: async (m) => void mails.push(m),
    now: () => clock.now,
  };
  const services = (holder.services = { db, gateway, billing });
  return {
    fake, stripe, services, webhookUrl, mails, clock,
    async close() {
      await fake.close();
      await new Promise((r) => server.close(r));
    },
  };
}

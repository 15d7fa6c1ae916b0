import "server-only";
import { createStripeClient, sweepExpiredGrace, type ApiServices, type BillingServices } from "@baas/api";
import { env } from "~/env";
import { composeBillingMail } from "./email/billing-mail";
import { escapeHtml, sendEmail } from "./email/send-email";

/** Stripe (or, in demo mode and tests, the fake at STRIPE_API_BASE) and owner mail; none without STRIPE_SECRET_KEY. */
export function createBilling(): BillingServices | undefined {
  const { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE, APP_URL } = env();
  if (!STRIPE_SECRET_KEY) return undefined;
  return {
    stripe: createStripeClient(STRIPE_SECRET_KEY, STRIPE_API_BASE),
    webhookSecret: STRIPE_WEBHOOK_SECRET,
    appUrl: APP_URL,
    sendEmail: async (m) => {
      const mail = await composeBillingMail(m);
      await sendEmail({ to: mail.to, subject: mail.subject, text: mail.text, link: mail.link, html: `<pre style="font-family:system-ui,sans-serif;white-space:pre-wrap">${escapeHtml(mail.text)}</pre>` });
    },
  };
}

const SWEEP_MS = 60_000;

/**
 * Once a minute, tenants whose grace period ended move to Starter. Every process may run it: the
 * sweep re-checks each row under a lock, so two processes never move (or audit) one twice.
 */
export function startGraceSweeper(services: ApiServices): void {
  if (!services.billing) return;
  const run = () => void sweepExpiredGrace(services, new Date()).catch((e: unknown) => console.error(`[baas] grace sweep failed: ${String(e).slice(0, 300)}`));
  run();
  setInterval(run, SWEEP_MS).unref();
}

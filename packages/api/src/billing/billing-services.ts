import Stripe from "stripe";

/** One e-mail to one person (apps/web: Resend, or the dev inbox). */
export interface BillingMail {
  to: string;
  subject: string;
  text: string;
  link: string;
  /** The figures behind the text, so a host can write it in the recipient's language (else the English text is sent). */
  facts?: PaymentFailedFacts;
}

export interface PaymentFailedFacts {
  kind: "payment_failed";
  tenantName: string;
  /** Null when the tenant has no subscription row (then "your plan"). */
  plan: string | null;
  /** The last day of the grace period, YYYY-MM-DD (UTC). */
  until: string;
  recipientLocale: string | null;
  tenantCurrency: string;
}

/**
 * What billing needs from its host: a Stripe client (the real API, or the testkit's fake on
 * loopback), the webhook signing secret, the public URL for Checkout return links and mail.
 * `now` is injected so the grace period can be tested without waiting a week.
 */
export interface BillingServices {
  stripe: Stripe;
  /** `whsec_…`; without it every webhook is refused (nothing can be verified). */
  webhookSecret: string | undefined;
  appUrl: string;
  sendEmail?: (mail: BillingMail) => Promise<void>;
  now?: () => Date;
}

export const GRACE_DAYS = 7;

/** A Stripe client for the API at `apiBase` (e.g. the fake's http://127.0.0.1:PORT), or Stripe's own. */
export function createStripeClient(secretKey: string, apiBase?: string): Stripe {
  if (!apiBase) return new Stripe(secretKey, { maxNetworkRetries: 2 });
  const u = new URL(apiBase);
  const protocol = u.protocol === "http:" ? "http" : "https";
  const port = u.port ? Number(u.port) : protocol === "http" ? 80 : 443;
  return new Stripe(secretKey, { host: u.hostname, port, protocol, maxNetworkRetries: 0 });
}

export function nowOf(b: BillingServices): Date {
  return b.now?.() ?? new Date();
}

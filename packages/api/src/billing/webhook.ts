import type Stripe from "stripe";
import type { ApiServices } from "../context";
import type { DbLike } from "../lib-app/db-like";
import { nowOf, type BillingMail, type BillingServices } from "./billing-services";
import { applyCreditPurchase } from "./credits";
import { applyInvoicePaid, applyPaymentFailed } from "./invoice-apply";
import { paymentFailedMails } from "./owner-mail";
import { applySubscription, nothing, type ApplyResult } from "./subscription-apply";

export interface WebhookAnswer {
  status: number;
  body: { received: boolean; duplicate?: boolean; outcome?: string; error?: string };
}

type Handled = ApplyResult & { mails?: BillingMail[] };

/** Checkout finished: the subscription it started is fetched from Stripe and applied (its own events may come later, or never). */
async function prefetch(b: BillingServices, event: Stripe.Event): Promise<Stripe.Subscription | null> {
  if (event.type !== "checkout.session.completed") return null;
  const s = event.data.object;
  const id = typeof s.subscription === "string" ? s.subscription : (s.subscription?.id ?? null);
  return s.mode === "subscription" && id ? b.stripe.subscriptions.retrieve(id) : null;
}

async function dispatch(tx: DbLike, b: BillingServices, event: Stripe.Event, fetched: Stripe.Subscription | null): Promise<Handled> {
  const at = new Date(event.created * 1000);
  const cause = `stripe:${event.id}`;
  const now = nowOf(b);
  switch (event.type) {
    case "checkout.session.completed":
      if (fetched) return applySubscription(tx, fetched, at, cause, now);
      return event.data.object.mode === "payment" ? applyCreditPurchase(tx, event.data.object, cause) : nothing(null, "ignored");
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return applySubscription(tx, event.data.object, at, cause, now);
    case "invoice.payment_failed":
      return applyPaymentFailed(tx, event.data.object, at, cause, now, (tenantId, until) => paymentFailedMails(tx, b.appUrl, tenantId, until));
    case "invoice.paid":
      return applyInvoicePaid(tx, event.data.object, at, cause);
    default:
      return nothing(null, "ignored");
  }
}

async function sendAll(b: BillingServices, mails: BillingMail[]): Promise<void> {
  for (const m of mails) {
    // The change is committed; a mail that fails is logged, not a reason for Stripe to redeliver.
    await b.sendEmail?.(m).catch((e: unknown) => console.error(JSON.stringify({ level: "error", msg: "billing mail failed", to: m.to, detail: String(e).slice(0, 300) })));
  }
}

/**
 * `POST /api/stripe/webhook`: verifies the signature on the raw body, then applies the event once
 * (its id is claimed in the same transaction as its effect, so a redelivery or a concurrent twin
 * finds it taken), then drops the gateway's cached settings of the tenant it changed.
 */
export async function handleStripeWebhook(services: ApiServices, rawBody: string | Buffer, signature: string | null): Promise<WebhookAnswer> {
  const b = services.billing;
  if (!b?.webhookSecret) return { status: 503, body: { received: false, error: "Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET)" } };
  if (!signature) return { status: 400, body: { received: false, error: "Missing Stripe-Signature header" } };
  let event: Stripe.Event;
  try {
    event = b.stripe.webhooks.constructEvent(rawBody, signature, b.webhookSecret);
  } catch {
    return { status: 400, body: { received: false, error: "Invalid signature" } };
  }
  const fetched = await prefetch(b, event);
  const result = await services.db.$transaction(async (tx) => {
    const claimed = await tx.stripeEvent.createMany({ data: [{ id: event.id, type: event.type }], skipDuplicates: true });
    if (claimed.count === 0) return null;
    const r = await dispatch(tx, b, event, fetched);
    await tx.stripeEvent.update({ where: { id: event.id }, data: { tenantId: r.tenantId, outcome: r.outcome } });
    return r;
  });
  if (!result) return { status: 200, body: { received: true, duplicate: true } };
  if (result.changed && result.tenantId) services.gateway?.invalidate(result.tenantId);
  await sendAll(b, result.mails ?? []);
  return { status: 200, body: { received: true, outcome: result.outcome } };
}

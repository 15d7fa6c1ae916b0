import { AppError } from "@baas/db";
import Stripe from "stripe";
import type { ApiServices } from "../context";
import type { Actor } from "../lib-app/db-like";
import type { BillingServices } from "./billing-services";
import { itemIdOf } from "./stripe-shapes";
import { syncTierToStripe } from "./tier-stripe-sync";

export function billingOf(services: ApiServices): BillingServices {
  // 412, not 503: nothing is down, this server was set up without Stripe (retrying will not help).
  if (!services.billing) throw new AppError("PRECONDITION_FAILED", "Billing is not configured on this server (STRIPE_SECRET_KEY)");
  return services.billing;
}

/** A Stripe failure (down, or refusing) reaches the person as 503 with a sentence, not as an internal error. */
export async function viaStripe<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof Stripe.errors.StripeError) throw new AppError("UNAVAILABLE", `Stripe did not accept the request (${e.type}): try again in a minute`);
    throw e;
  }
}

const pageUrl = (b: BillingServices, tenantId: string) => `${b.appUrl.replace(/\/$/, "")}/t/${encodeURIComponent(tenantId)}/billing`;

export type PlanChange = { kind: "checkout"; url: string } | { kind: "requested"; message: string };

/** A live Stripe subscription of the tenant's, if any: a plan change then updates it instead of starting a second one. */
async function liveSubscription(services: ApiServices, tenantId: string) {
  const row = await services.db.subscription.findUnique({ where: { tenantId }, include: { tier: true } });
  const live = row?.stripeSubscriptionId && row.status !== "CANCELED" && row.status !== "INCOMPLETE";
  return { row, liveId: live ? row.stripeSubscriptionId : null };
}

/**
 * Owners change plan. Without a paid subscription: a Stripe Checkout session (subscription mode)
 * to pay for the tier. With one: the subscription's price is swapped (prorated); Starter cancels at
 * the period's end. Nothing here touches the tenant's tier: it changes when Stripe's signed event
 * arrives at the webhook.
 */
export async function changePlan(services: ApiServices, actor: Actor & { email: string }, tierKey: string): Promise<PlanChange> {
  const b = billingOf(services);
  const found = await services.db.tier.findUnique({ where: { key: tierKey } });
  if (!found) throw new AppError("BAD_REQUEST", `tierKey: no such plan "${tierKey}"`, { details: { field: "tierKey" } });
  const { row, liveId } = await liveSubscription(services, actor.tenantId);
  if (row?.tierId === found.id && (liveId || found.priceMonthlyMinor <= 0) && !row.cancelAtPeriodEnd) throw new AppError("CONFLICT", `You are already on ${found.name}`);
  if (found.priceMonthlyMinor <= 0) {
    if (!liveId) throw new AppError("CONFLICT", row && row.tierId !== found.id ? `The ${row.tier.name} plan of this workspace is not billed through Stripe: a platform operator changes it` : `You are already on ${found.name}`);
    await b.stripe.subscriptions.update(liveId, { cancel_at_period_end: true });
    return { kind: "requested", message: `Your paid plan ends at the end of this period; then you move to ${found.name}.` };
  }
  const tier = await syncTierToStripe(services.db, b.stripe, found);
  if (liveId) {
    const sub = await b.stripe.subscriptions.retrieve(liveId);
    await b.stripe.subscriptions.update(liveId, { items: [{ id: itemIdOf(sub) ?? undefined, price: tier.stripePriceId! }], cancel_at_period_end: false, proration_behavior: "create_prorations" });
    return { kind: "requested", message: `Change to ${tier.name} requested: it applies as soon as Stripe confirms it.` };
  }
  const meta = { tenantId: actor.tenantId, tierKey: tier.key };
  const session = await b.stripe.checkout.sessions.create({
    mode: "subscription",
    line_items: [{ price: tier.stripePriceId!, quantity: 1 }],
    client_reference_id: actor.tenantId,
    metadata: meta,
    subscription_data: { metadata: meta },
    ...(row?.stripeCustomerId ? { customer: row.stripeCustomerId } : { customer_email: actor.email }),
    success_url: `${pageUrl(b, actor.tenantId)}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${pageUrl(b, actor.tenantId)}?checkout=canceled`,
  });
  if (!session.url) throw new AppError("UNAVAILABLE", "Stripe did not return a Checkout page");
  return { kind: "checkout", url: session.url };
}

/** Stripe's customer portal (card, invoices, cancellation) for a tenant that has paid before. */
export async function openPortal(services: ApiServices, tenantId: string): Promise<{ url: string }> {
  const b = billingOf(services);
  const row = await services.db.subscription.findUnique({ where: { tenantId } });
  if (!row?.stripeCustomerId) throw new AppError("PRECONDITION_FAILED", "There is no Stripe customer for this workspace yet: subscribe to a paid plan first");
  const portal = await b.stripe.billingPortal.sessions.create({ customer: row.stripeCustomerId, return_url: pageUrl(b, tenantId) });
  return { url: portal.url };
}

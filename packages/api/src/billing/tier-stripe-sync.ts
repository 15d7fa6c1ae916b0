import type { Tier } from "@baas/db";
import Stripe from "stripe";
import type { DbLike } from "../lib-app/db-like";

/** A retrieve of an id Stripe no longer knows (another account, or the demo's fake restarted) is null, not an error. */
async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Stripe.errors.StripeInvalidRequestError && e.statusCode === 404) return null;
    throw e;
  }
}

async function ensureProduct(stripe: Stripe, tier: Tier): Promise<string> {
  const existing = tier.stripeProductId ? await orNull(stripe.products.retrieve(tier.stripeProductId)) : null;
  if (existing && !("deleted" in existing && existing.deleted)) {
    if (existing.name !== `BaaS ${tier.name}`) await stripe.products.update(existing.id, { name: `BaaS ${tier.name}` });
    return existing.id;
  }
  return (await stripe.products.create({ name: `BaaS ${tier.name}`, metadata: { tierKey: tier.key } })).id;
}

function fits(price: Stripe.Price | null, tier: Tier, productId: string): boolean {
  if (!price?.active) return false;
  const product = typeof price.product === "string" ? price.product : price.product.id;
  return product === productId && price.unit_amount === tier.priceMonthlyMinor && price.currency === tier.currency.toLowerCase() && price.recurring?.interval === "month";
}

/**
 * Makes Stripe sell the tier at its price: one Product per tier, one active monthly Price. A new
 * amount gets a new Price and the old one is archived (never edited or deleted: subscribers on it
 * keep paying it until they change plan, and it still maps to the tier through the product).
 */
export async function syncTierToStripe(db: DbLike, stripe: Stripe, tier: Tier): Promise<Tier> {
  const old = tier.stripePriceId ? await orNull(stripe.prices.retrieve(tier.stripePriceId)) : null;
  if (tier.priceMonthlyMinor <= 0) {
    // Free tiers are not sold: a price left from when it cost something is archived.
    if (old?.active) await stripe.prices.update(old.id, { active: false });
    return tier.stripePriceId ? db.tier.update({ where: { id: tier.id }, data: { stripePriceId: null } }) : tier;
  }
  const productId = await ensureProduct(stripe, tier);
  if (fits(old, tier, productId)) {
    return tier.stripeProductId === productId ? tier : db.tier.update({ where: { id: tier.id }, data: { stripeProductId: productId } });
  }
  const price = await stripe.prices.create({
    product: productId, unit_amount: tier.priceMonthlyMinor, currency: tier.currency.toLowerCase(), recurring: { interval: "month" },
    lookup_key: `baas_${tier.key}_monthly`, transfer_lookup_key: true, metadata: { tierKey: tier.key }, nickname: `${tier.name} monthly`,
  });
  if (old?.active) await stripe.prices.update(old.id, { active: false });
  return db.tier.update({ where: { id: tier.id }, data: { stripeProductId: productId, stripePriceId: price.id } });
}

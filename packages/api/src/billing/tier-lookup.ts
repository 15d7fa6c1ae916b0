import type { Tier } from "@baas/db";
import type { DbLike } from "../lib-app/db-like";
import type { SubscriptionFacts } from "./stripe-shapes";

export const FREE_TIER_KEY = "starter";

export async function freeTier(db: DbLike): Promise<Tier> {
  const t = await db.tier.findUnique({ where: { key: FREE_TIER_KEY } });
  if (!t) throw new Error("the Starter tier is missing: run the seed");
  return t;
}

/**
 * The tier a Stripe price sells. The tier's current price first; then its product, so subscribers
 * on a price the operator has since replaced keep their tier; then the key stamped on the price.
 */
export async function tierForPrice(db: DbLike, f: Pick<SubscriptionFacts, "priceId" | "productId" | "priceTierKey">): Promise<Tier | null> {
  if (f.priceId) {
    const byPrice = await db.tier.findFirst({ where: { stripePriceId: f.priceId } });
    if (byPrice) return byPrice;
  }
  if (f.productId) {
    const byProduct = await db.tier.findFirst({ where: { stripeProductId: f.productId } });
    if (byProduct) return byProduct;
  }
  return f.priceTierKey ? db.tier.findUnique({ where: { key: f.priceTierKey } }) : null;
}

import type { ApiServices } from "../context";
import { writeOperatorAudit } from "../operator/operator-audit";
import { syncTierToStripe } from "./tier-stripe-sync";

/**
 * After an operator saved a tier: Stripe sells it at its new price (a new Price, the old one
 * archived) and the move is in the audit log. Without billing configured there is nothing to sync;
 * a Stripe failure leaves the saved tier as it is and the next Checkout syncs it again.
 */
export async function syncTierAfterEdit(services: ApiServices, userId: string, tierId: string): Promise<void> {
  if (!services.billing) return;
  const before = await services.db.tier.findUniqueOrThrow({ where: { id: tierId } });
  let after;
  try {
    after = await syncTierToStripe(services.db, services.billing.stripe, before);
  } catch (e) {
    console.error(JSON.stringify({ level: "error", msg: "tier stripe sync failed; the next Checkout retries it", tierId, detail: String(e).slice(0, 300) }));
    return;
  }
  if (after.stripePriceId === before.stripePriceId && after.stripeProductId === before.stripeProductId) return;
  await writeOperatorAudit(services.db, userId, {
    action: "tier.stripe_sync", entityType: "Tier", entityId: tierId,
    before: { stripeProductId: before.stripeProductId, stripePriceId: before.stripePriceId },
    after: { stripeProductId: after.stripeProductId, stripePriceId: after.stripePriceId, archived: before.stripePriceId },
  });
}

import type { Prisma, Subscription, SubscriptionStatus, Tier } from "@baas/db";
import { writeAudit } from "../audit/audit-log";
import type { DbLike } from "../lib-app/db-like";

export type SubscriptionWithTier = Subscription & { tier: Tier };

/** What a Stripe event (or the grace sweep) decided the tenant's subscription row should be. */
export interface SubscriptionChange {
  tenantId: string;
  tierId: string;
  status: SubscriptionStatus;
  data: Omit<Prisma.SubscriptionUncheckedCreateInput, "tenantId" | "tierId" | "status">;
  /** Why, for the audit log: "stripe:evt_…", "grace" or "operator: <reason>". */
  cause: string;
  /** The operator who made the change; absent for Stripe events and the grace sweep (system). */
  actorUserId?: string;
}


/**
 * Writes the tenant's subscription row and, when the tier or status moved, an audit entry by the
 * system (never a person: only Stripe and operators change tiers). Returns whether the tier moved.
 */
export async function writeSubscription(tx: DbLike, before: SubscriptionWithTier | null, c: SubscriptionChange): Promise<{ tierChanged: boolean; changed: boolean }> {
  const row = { ...c.data, tierId: c.tierId, status: c.status };
  const after = await tx.subscription.upsert({ where: { tenantId: c.tenantId }, create: { tenantId: c.tenantId, ...row }, update: row, include: { tier: true } });
  const tierChanged = before?.tierId !== after.tierId;
  const changed = tierChanged || before?.status !== after.status;
  if (changed) {
    await writeAudit(tx, { tenantId: c.tenantId, userId: c.actorUserId ?? null }, {
      action: tierChanged ? "billing.tier_change" : "billing.status_change",
      entityType: "Subscription",
      entityId: after.id,
      before: before ? { tierKey: before.tier.key, status: before.status } : undefined,
      after: { tierKey: after.tier.key, status: after.status, cause: c.cause },
    });
  }
  return { tierChanged, changed };
}

import { AppError } from "@baas/db";
import type { ApiServices } from "../context";
import { lockTenant } from "../lib-app/tenant-lock";
import { writeSubscription } from "./tier-change";

export interface SetTenantTierInput {
  tenantId: string;
  tierKey: string;
  reason: string;
}

/**
 * A platform operator puts a workspace on a tier without Stripe (a pilot, a contract, a
 * correction): audited under the operator's name with the reason. A workspace that pays through
 * Stripe is refused: the next Stripe event would undo it, so the change belongs in Stripe.
 */
export async function setTenantTier(services: ApiServices, operatorId: string, input: SetTenantTierInput): Promise<{ tierKey: string; status: string }> {
  const result = await services.db.$transaction(async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: input.tenantId }, select: { id: true } });
    if (!tenant) throw new AppError("NOT_FOUND", "Workspace not found");
    await lockTenant(tx, tenant.id);
    const tier = await tx.tier.findUnique({ where: { key: input.tierKey } });
    if (!tier) throw new AppError("BAD_REQUEST", `tierKey: no such plan "${input.tierKey}"`, { details: { field: "tierKey" } });
    const row = await tx.subscription.findUnique({ where: { tenantId: tenant.id }, include: { tier: true } });
    if (row?.stripeSubscriptionId && row.status !== "CANCELED") {
      throw new AppError("CONFLICT", "This workspace pays through Stripe: change or cancel its subscription there, or the next Stripe event undoes this");
    }
    await writeSubscription(tx, row, { tenantId: tenant.id, tierId: tier.id, status: "ACTIVE", data: { pastDueSince: null, graceEndsAt: null }, cause: `operator: ${input.reason}`, actorUserId: operatorId });
    return { tierKey: tier.key, status: "ACTIVE" };
  });
  services.gateway?.invalidate(input.tenantId);
  return result;
}

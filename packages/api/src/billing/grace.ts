import type { ApiServices } from "../context";
import { lockTenant } from "../lib-app/tenant-lock";
import { freeTier } from "./tier-lookup";
import { writeSubscription } from "./tier-change";

/**
 * Tenants whose grace period ended while still past due move to Starter (status stays past due:
 * that is what Stripe says; a later payment brings the paid tier back). Safe to run from every
 * process at once: each row moves inside a transaction that re-reads it under the tenant's lock
 * (the one webhook events take too).
 */
export async function sweepExpiredGrace(services: ApiServices, now: Date): Promise<string[]> {
  const starter = await freeTier(services.db);
  const due = await services.db.subscription.findMany({
    where: { status: "PAST_DUE", graceEndsAt: { lte: now }, tierId: { not: starter.id } },
    select: { id: true, tenantId: true },
  });
  const moved: string[] = [];
  for (const { id, tenantId: dueTenant } of due) {
    const tenantId = await services.db.$transaction(async (tx) => {
      await lockTenant(tx, dueTenant);
      const row = await tx.subscription.findUnique({ where: { id }, include: { tier: true } });
      if (!row || row.status !== "PAST_DUE" || !row.graceEndsAt || row.graceEndsAt > now || row.tierId === starter.id) return null;
      await writeSubscription(tx, row, { tenantId: row.tenantId, tierId: starter.id, status: "PAST_DUE", data: {}, cause: "grace" });
      return row.tenantId;
    });
    if (tenantId) {
      services.gateway?.invalidate(tenantId);
      moved.push(tenantId);
    }
  }
  return moved;
}

import type { ApiServices } from "../context";
import { freeTier } from "./tier-lookup";
import { writeSubscription } from "./tier-change";

/**
 * Tenants whose grace period ended while still past due move to Starter (status stays past due:
 * that is what Stripe says; a later payment brings the paid tier back). Safe to run from every
 * process at once: each row moves inside a transaction that re-reads it under a row lock.
 */
export async function sweepExpiredGrace(services: ApiServices, now: Date): Promise<string[]> {
  const starter = await freeTier(services.db);
  const due = await services.db.subscription.findMany({
    where: { status: "PAST_DUE", graceEndsAt: { lte: now }, tierId: { not: starter.id } },
    select: { id: true },
  });
  const moved: string[] = [];
  for (const { id } of due) {
    const tenantId = await services.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Subscription" WHERE id = ${id} FOR UPDATE`;
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

import { AppError, type Prisma } from "@baas/db";
import type { Actor, DbLike } from "../lib-app/db-like";

export const ALERT_KINDS = ["BUDGET_THRESHOLD", "HOLD_EXCEEDED", "USAGE_DEAD_LETTER", "ACCOUNT_DISABLED", "ACCOUNT_COOLDOWN", "INSTANCE_OFFLINE", "CONFIG_FAILED", "ERROR_RATE", "COST_ANOMALY"] as const;

export interface AlertFilter {
  status: "open" | "acknowledged" | "all";
  kind?: (typeof ALERT_KINDS)[number] | null;
  /** A budget's alerts only (the budget page links here). */
  budgetId?: string | null;
}

/** The tenant's alerts, newest first, 100 at most; who acknowledged each and when. */
export async function listAlerts(db: DbLike, actor: Actor, f: AlertFilter) {
  const where: Prisma.AlertWhereInput = {
    tenantId: actor.tenantId,
    ...(f.status === "open" ? { acknowledgedAt: null } : f.status === "acknowledged" ? { acknowledgedAt: { not: null } } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.budgetId ? { budgetId: f.budgetId } : {}),
  };
  const rows = await db.alert.findMany({
    where,
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, kind: true, severity: true, message: true, createdAt: true, thresholdPct: true, periodKey: true, acknowledgedAt: true, budget: { select: { id: true, name: true } }, acknowledgedBy: { select: { email: true } } },
  });
  return rows.map(({ acknowledgedBy, ...a }) => ({ ...a, acknowledgedByEmail: acknowledgedBy?.email ?? null }));
}

export async function openAlertCount(db: DbLike, actor: Actor): Promise<number> {
  return db.alert.count({ where: { tenantId: actor.tenantId, acknowledgedAt: null } });
}

export async function acknowledgeAlerts(db: DbLike, actor: Actor, alertIds: string[]) {
  const found = await db.alert.findMany({ where: { id: { in: alertIds }, tenantId: actor.tenantId }, select: { id: true } });
  // Another tenant's alert reads exactly like one that does not exist.
  if (found.length !== new Set(alertIds).size) throw new AppError("NOT_FOUND", "Alert not found");
  const { count } = await db.alert.updateMany({
    where: { id: { in: alertIds }, tenantId: actor.tenantId, acknowledgedAt: null },
    data: { acknowledgedAt: new Date(), acknowledgedById: actor.userId },
  });
  return { acknowledged: count };
}

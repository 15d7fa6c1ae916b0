import type { Prisma } from "@baas/db";
import type { DbLike } from "../lib-app/db-like";

/** Platform-level audit entry (no tenant): who changed which shared row. Never pass secrets here. */
export async function writeOperatorAudit(
  db: DbLike,
  userId: string,
  entry: { action: string; entityType: string; entityId: string; before?: Prisma.InputJsonValue; after?: Prisma.InputJsonValue },
): Promise<void> {
  await db.auditLog.create({
    data: { tenantId: null, actorUserId: userId, actorKind: "user", action: entry.action, entityType: entry.entityType, entityId: entry.entityId, before: entry.before, after: entry.after },
  });
}

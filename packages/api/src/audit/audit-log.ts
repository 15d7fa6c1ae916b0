import type { Prisma } from "@baas/db";
import type { Actor, DbLike } from "../lib-app/db-like";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** One human sentence for the revision list, e.g. "Updated agent lobo". */
  summary?: string;
}

function json(v: unknown): Prisma.InputJsonValue | undefined {
  if (v === undefined || v === null) return undefined;
  // Dates and BigInts become strings: the log is for people to read.
  return JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x))) as Prisma.InputJsonValue;
}

/** Who changed what: written in the same transaction as the change. */
export async function writeAudit(db: DbLike, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      actorKind: actor.userId ? "user" : "system",
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: json(entry.before),
      after: json(entry.after),
    },
  });
}

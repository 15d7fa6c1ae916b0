import type { Db } from "@baas/db";
import type { ApiServices } from "../context";
import type { Actor, DbLike } from "./db-like";
import { writeAudit, type AuditEntry } from "../audit/audit-log";
import { publishRevisions } from "../config-revision/publish";

interface TenantCtx {
  db: Db;
  user: { id: string };
  tenant: { tenantId: string };
}

export function actorOf(ctx: TenantCtx): Actor {
  return { tenantId: ctx.tenant.tenantId, userId: ctx.user.id };
}

/**
 * One config save: the change, its audit entry and the new config revisions commit together, so
 * a failed validation leaves nothing half-written.
 */
export async function saveConfig<T>(
  ctx: { db: Db; services: ApiServices },
  actor: Actor,
  change: (tx: DbLike) => Promise<{ result: T; audit: AuditEntry }>,
): Promise<T> {
  const result = await ctx.db.$transaction(async (tx) => {
    const { result, audit } = await change(tx);
    await writeAudit(tx, actor, audit);
    await publishRevisions(tx, actor, audit.summary ?? `${audit.action} ${audit.entityType}`);
    return result;
  });
  // The gateway caches tenant settings (per-group model, agents) for a few seconds: apply edits at once.
  ctx.services.gateway?.invalidate(actor.tenantId);
  return result;
}

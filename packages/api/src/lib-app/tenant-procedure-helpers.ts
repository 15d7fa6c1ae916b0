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

type Change<T> = (tx: DbLike) => Promise<{ result: T; audit: AuditEntry }>;

/**
 * One tenant setting saved: the change and its audit entry commit together, and the gateway's
 * cached settings are dropped so the next model call obeys it. `publish` also makes the new
 * config revisions for the hosts (agents, groups, bindings); budgets and rate limits live in the
 * gateway only and publish nothing.
 */
export async function saveSetting<T>(ctx: { db: Db; services: ApiServices }, actor: Actor, change: Change<T>, opts: { publish: boolean }): Promise<T> {
  const result = await ctx.db.$transaction(async (tx) => {
    const { result, audit } = await change(tx);
    await writeAudit(tx, actor, audit);
    if (opts.publish) await publishRevisions(tx, actor, audit.summary ?? `${audit.action} ${audit.entityType}`, ctx.services.clock?.() ?? new Date());
    return result;
  });
  ctx.services.gateway?.invalidate(actor.tenantId);
  return result;
}

/** A save that changes the hosts' config: a validation failure leaves nothing half-written. */
export function saveConfig<T>(ctx: { db: Db; services: ApiServices }, actor: Actor, change: Change<T>): Promise<T> {
  return saveSetting(ctx, actor, change, { publish: true });
}

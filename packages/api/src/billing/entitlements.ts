import { AppError, type Tier } from "@baas/db";
import type { DbLike } from "../lib-app/db-like";

/**
 * The plan's counted limits, checked where a setting would exceed them (config pages). Tenants
 * without a plan row are not limited here. Counts are read in the caller's transaction.
 */
async function tierOf(db: DbLike, tenantId: string): Promise<Tier | null> {
  const sub = await db.subscription.findUnique({ where: { tenantId }, include: { tier: true } });
  return sub?.tier ?? null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function refuse(tier: Tier, what: string, limit: number, inUse: number, field: string): never {
  const message = `The ${tier.name} plan allows ${plural(limit, what, `${what}s`)} and ${inUse} ${inUse === 1 ? "is" : "are"} on already: turn one off, or move to a plan with more ${what}s on the Billing page.`;
  throw new AppError("PRECONDITION_FAILED", message, { details: { field, reason: "tier_limit", limit, inUse } });
}

/** One more enabled bot (agent create, duplicate, or enable). */
export async function assertAgentRoom(db: DbLike, tenantId: string): Promise<void> {
  const tier = await tierOf(db, tenantId);
  if (!tier || tier.maxAgents === null) return;
  const inUse = await db.agent.count({ where: { tenantId, archivedAt: null, enabled: true } });
  if (inUse + 1 > tier.maxAgents) refuse(tier, "bot", tier.maxAgents, inUse, "enabled");
}

/** One more group the bots answer in (a blocked group opened again). */
export async function assertGroupRoom(db: DbLike, tenantId: string): Promise<void> {
  const tier = await tierOf(db, tenantId);
  if (!tier || tier.maxGroups === null) return;
  const inUse = await db.channel.count({ where: { tenantId, peerKind: "GROUP", policy: { not: "BLOCKED" } } });
  if (inUse + 1 > tier.maxGroups) refuse(tier, "group", tier.maxGroups, inUse, "policy");
}

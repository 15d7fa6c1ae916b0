import type { Actor, DbLike } from "../lib-app/db-like";
import { monthCostBy, NO_COST } from "../overview/month-costs";
import { channelName } from "./channel-label";

/**
 * The Groups page: groups and direct messages apart (a DM has no mention setting, no group
 * policy), each with a name people know, the agent that answers it and this month's cost.
 * The WhatsApp id travels only as `rawId`, for a tooltip.
 */
export async function listChats(db: DbLike, actor: Actor, now: Date) {
  const [tenant, channels, costs] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { currency: true } }),
    db.channel.findMany({
      where: { tenantId: actor.tenantId },
      orderBy: [{ name: "asc" }, { externalId: "asc" }],
      include: { bindings: { select: { id: true, agent: { select: { id: true, name: true, emoji: true, enabled: true } } } } },
    }),
    monthCostBy(db, actor.tenantId, "channelKey", now),
  ]);
  const rows = channels.map((c) => ({
    id: c.id,
    name: channelName(c),
    named: Boolean(c.name?.trim()),
    rawId: c.externalId,
    provider: c.provider,
    peerKind: c.peerKind,
    agent: c.bindings[0]?.agent ?? null,
    bindingId: c.bindings[0]?.id ?? null,
    modelOverride: c.modelOverride,
    policy: c.policy,
    requireMention: c.requireMention,
    mentionPatterns: c.mentionPatterns,
    lastSeenAt: c.lastSeenAt,
    cost: costs.get(c.id) ?? NO_COST,
  }));
  const byCost = (a: (typeof rows)[number], b: (typeof rows)[number]) => b.cost.listMicros - a.cost.listMicros || a.name.localeCompare(b.name);
  return {
    currency: tenant.currency,
    groups: rows.filter((r) => r.peerKind !== "DM").sort(byCost),
    // A DM has no group settings: they are left out rather than shown as meaningless toggles.
    dms: rows.filter((r) => r.peerKind === "DM").sort(byCost).map(({ requireMention: _r, mentionPatterns: _m, ...dm }) => dm),
  };
}

import type { Actor, DbLike } from "../lib-app/db-like";
import { monthCostBy, NO_COST } from "../overview/month-costs";
import { channelName, phoneOf } from "./channel-label";

/**
 * The Groups page: groups and direct messages apart (a DM has no mention setting, no group
 * policy), each with a name people know, the agent that answers it and this month's cost.
 * The WhatsApp id travels only as `rawId`, for a tooltip.
 */
export async function listChats(db: DbLike, actor: Actor, now: Date) {
  const [tenant, channels, costs, rules] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { currency: true } }),
    db.channel.findMany({
      where: { tenantId: actor.tenantId },
      orderBy: [{ name: "asc" }, { externalId: "asc" }],
      include: { bindings: { select: { id: true, agent: { select: { id: true, name: true, emoji: true, enabled: true } } } } },
    }),
    monthCostBy(db, actor.tenantId, "channelKey", now),
    db.binding.findMany({ where: { tenantId: actor.tenantId, pattern: { not: null } }, select: { pattern: true, agent: { select: { id: true, name: true, emoji: true, enabled: true } } } }),
  ]);
  // A chat without an agent of its own may still be answered through a rule for many chats.
  const ruleFor = (c: { provider: string; peerKind: string; externalId: string }) => {
    const kind = c.peerKind === "DM" ? "dm" : c.peerKind === "GROUP" ? "group" : "channel";
    const phone = phoneOf(c.externalId);
    const mine = (p: string | null) => p === `${c.provider}:${kind}:${c.externalId}` || (phone !== null && p === `${c.provider}:${kind}:${phone}`);
    return rules.find((r) => mine(r.pattern))?.agent ?? rules.find((r) => r.pattern === `${c.provider}:${kind}:*`)?.agent ?? null;
  };
  const rows = channels.map((c) => ({
    id: c.id,
    name: channelName(c),
    named: Boolean(c.name?.trim()),
    rawId: c.externalId,
    provider: c.provider,
    peerKind: c.peerKind,
    agent: c.bindings[0]?.agent ?? null,
    viaRule: c.bindings[0] ? null : ruleFor(c),
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

import type { DbLike } from "../lib-app/db-like";

export interface Names {
  agent(id: string): string;
  channel(id: string): string;
  account(id: string): string;
}

/** People-readable labels for the roll-ups' keys; "" is a call without that attribution. */
export async function namesOf(db: DbLike, tenantId: string): Promise<Names> {
  const [agents, channels, accounts] = await Promise.all([
    db.agent.findMany({ where: { tenantId }, select: { id: true, name: true, emoji: true } }),
    db.channel.findMany({ where: { tenantId }, select: { id: true, name: true, externalId: true } }),
    // The shared pool: only names, never credentials.
    db.upstreamAccount.findMany({ select: { id: true, name: true } }),
  ]);
  const a = new Map(agents.map((x) => [x.id, `${x.emoji ? `${x.emoji} ` : ""}${x.name}`]));
  const c = new Map(channels.map((x) => [x.id, x.name ?? x.externalId]));
  const u = new Map(accounts.map((x) => [x.id, x.name]));
  return {
    agent: (id) => (id ? (a.get(id) ?? "(deleted agent)") : "Not attributed"),
    channel: (id) => (id ? (c.get(id) ?? "(deleted group)") : "Not attributed"),
    account: (id) => (id ? (u.get(id) ?? "(removed account)") : "Response cache / none"),
  };
}

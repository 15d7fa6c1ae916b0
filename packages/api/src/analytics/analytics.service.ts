import type { Actor, DbLike } from "../lib-app/db-like";
import type { RangeInput } from "./analytics.schemas";
import { dailyCost } from "./daily";
import { callsOf, sessionsOf } from "./drill";
import { namesOf } from "./names";
import { usagePerformance } from "./performance";
import { resolveRange } from "./range";
import { usageSummary } from "./summary";

/** What every analytics answer starts from: the tenant (zone, currency), the window and labels. */
async function scopeOf(db: DbLike, actor: Actor, range: RangeInput, now: Date) {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { id: true, name: true, currency: true, timezone: true } });
  const window = resolveRange(range, tenant.timezone, now);
  return { tenant, window, names: await namesOf(db, tenant.id) };
}

const head = (s: Awaited<ReturnType<typeof scopeOf>>) => ({ tenant: { id: s.tenant.id, name: s.tenant.name, currency: s.tenant.currency, timezone: s.tenant.timezone }, from: s.window.from, to: s.window.to });

export async function analyticsSummary(db: DbLike, actor: Actor, range: RangeInput, now = new Date()) {
  const s = await scopeOf(db, actor, range, now);
  return { ...head(s), ...(await usageSummary(db, s.tenant.id, s.window, s.names)) };
}

export async function analyticsDaily(db: DbLike, actor: Actor, range: RangeInput, stackBy: "channel" | "agent", now = new Date()) {
  const s = await scopeOf(db, actor, range, now);
  return { ...head(s), ...(await dailyCost(db, s.tenant, s.window, stackBy, s.names, now)) };
}

export async function analyticsPerformance(db: DbLike, actor: Actor, range: RangeInput, now = new Date()) {
  const s = await scopeOf(db, actor, range, now);
  return { ...head(s), ...(await usagePerformance(db, s.tenant.id, s.window, s.names, now)) };
}

export async function analyticsSessions(db: DbLike, actor: Actor, range: RangeInput, scope: "agent" | "channel", id: string, now = new Date()) {
  const s = await scopeOf(db, actor, range, now);
  return { ...head(s), ...(await sessionsOf(db, s.tenant, s.window, scope, id, s.names)) };
}

export async function analyticsCalls(db: DbLike, actor: Actor, range: RangeInput, sessionKey: string, now = new Date()) {
  const s = await scopeOf(db, actor, range, now);
  return { ...head(s), ...(await callsOf(db, s.tenant, s.window, sessionKey, s.names)) };
}

import { AppError } from "@baas/db";
import { periodOf } from "@baas/gateway";
import type { DbLike } from "../lib-app/db-like";
import { addDays, dayFilter, type DayWindow } from "./range";
import type { Names } from "./names";

/** Most sessions / calls one screen lists (newest first). */
export const DRILL_LIMIT = 200;

/** The instant a tenant-local day starts (its first moment in that zone). */
export function localMidnight(day: string, timeZone: string): Date {
  // The local day containing noon UTC is that day, or its neighbour in zones beyond ±12 h.
  for (const hours of [12, 0, 23, -11, 35]) {
    const p = periodOf("DAILY", new Date(Date.parse(`${day}T00:00:00Z`) + hours * 3_600_000), timeZone);
    if (p.key === `D${day}`) return p.start;
  }
  throw new AppError("BAD_REQUEST", `${day} does not exist in ${timeZone}`);
}

/** UTC bounds [start, end) of a window of tenant-local days (occurredAt is stored in UTC). */
const bounds = (w: DayWindow, tz: string) => ({ start: localMidnight(w.from, tz), end: localMidnight(addDays(w.to, 1), tz) });

/** A channel's or agent's sessions in the window (from the sessions roll-up), busiest last-active first. */
export async function sessionsOf(db: DbLike, tenant: { id: string; timezone: string }, w: DayWindow, scope: "agent" | "channel", id: string, names: Names) {
  const owner = scope === "agent" ? await db.agent.findFirst({ where: { id, tenantId: tenant.id }, select: { id: true } }) : await db.channel.findFirst({ where: { id, tenantId: tenant.id }, select: { id: true } });
  // Another tenant's id reads exactly like one that does not exist.
  if (!owner) throw new AppError("NOT_FOUND", scope === "agent" ? "Agent not found" : "Group or DM not found");
  const rows = await db.usageSessionDaily.groupBy({
    by: ["sessionKey"],
    where: { tenantId: tenant.id, day: dayFilter(w), ...(scope === "agent" ? { agentKey: id } : { channelKey: id }) },
    _sum: { calls: true, errors: true, messages: true, tokens: true, costTenantMicros: true, costListUsdMicros: true },
    _min: { firstAt: true },
    _max: { lastAt: true },
    orderBy: { _max: { lastAt: "desc" } },
    take: DRILL_LIMIT,
  });
  return {
    scope, id, label: scope === "agent" ? names.agent(id) : names.channel(id),
    sessions: rows.map((r) => ({
      sessionKey: r.sessionKey, calls: r._sum.calls ?? 0, errors: r._sum.errors ?? 0, messages: r._sum.messages ?? 0, tokens: Number(r._sum.tokens ?? 0),
      costTenantMicros: Number(r._sum.costTenantMicros ?? 0), costUsdMicros: Number(r._sum.costListUsdMicros ?? 0), firstAt: r._min.firstAt!, lastAt: r._max.lastAt!,
    })),
  };
}

/** The single calls of one session in the window, newest first. */
export async function callsOf(db: DbLike, tenant: { id: string; timezone: string }, w: DayWindow, sessionKey: string, names: Names) {
  const b = bounds(w, tenant.timezone);
  const rows = await db.usageEvent.findMany({
    where: { tenantId: tenant.id, sessionKey, status: { not: "BLOCKED" }, occurredAt: { gte: b.start, lt: b.end } },
    orderBy: { occurredAt: "desc" },
    take: DRILL_LIMIT,
    select: {
      id: true, occurredAt: true, model: true, requestedModel: true, inputTokens: true, outputTokens: true, cacheReadTokens: true, cacheWriteTokens: true,
      costTenantMicros: true, costListUsdMicros: true, costCashUsdMicros: true, upstreamAccountId: true, fallbackPath: true, latencyMs: true, ttftMs: true,
      status: true, errorCode: true, cacheHit: true, agentId: true, channelId: true,
    },
  });
  return {
    sessionKey,
    calls: rows.map((r) => ({
      ...r, costTenantMicros: Number(r.costTenantMicros), costListUsdMicros: Number(r.costListUsdMicros), costCashUsdMicros: Number(r.costCashUsdMicros),
      account: r.upstreamAccountId ? names.account(r.upstreamAccountId) : r.cacheHit ? "response cache" : "",
      agent: names.agent(r.agentId ?? ""), channel: names.channel(r.channelId ?? ""),
    })),
  };
}

import { AppError, Prisma } from "@baas/db";
import { periodOf } from "@baas/gateway";
import type { DbLike } from "../lib-app/db-like";
import { addDays, type DayWindow } from "./range";
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

type SessionRow = { sessionKey: string | null; calls: number; errors: number; tokens: bigint; costTenantMicros: bigint; costListUsdMicros: bigint; firstAt: Date; lastAt: Date };

/** A channel's or agent's sessions in the window, with their calls, tokens and cost. */
export async function sessionsOf(db: DbLike, tenant: { id: string; timezone: string }, w: DayWindow, scope: "agent" | "channel", id: string, names: Names) {
  const owner = scope === "agent" ? await db.agent.findFirst({ where: { id, tenantId: tenant.id }, select: { id: true } }) : await db.channel.findFirst({ where: { id, tenantId: tenant.id }, select: { id: true } });
  // Another tenant's id reads exactly like one that does not exist.
  if (!owner) throw new AppError("NOT_FOUND", scope === "agent" ? "Agent not found" : "Group or DM not found");
  const b = bounds(w, tenant.timezone);
  const column = scope === "agent" ? Prisma.sql`"agentId"` : Prisma.sql`"channelId"`;
  const rows = await db.$queryRaw<SessionRow[]>`
    SELECT "sessionKey", COUNT(*)::int AS calls, (COUNT(*) FILTER (WHERE "status" = 'ERROR'))::int AS errors,
      SUM("inputTokens" + "outputTokens" + "cacheReadTokens" + "cacheWriteTokens")::bigint AS tokens,
      SUM("costTenantMicros")::bigint AS "costTenantMicros", SUM("costListUsdMicros")::bigint AS "costListUsdMicros",
      MIN("occurredAt") AS "firstAt", MAX("occurredAt") AS "lastAt"
    FROM "UsageEvent"
    WHERE "tenantId" = ${tenant.id} AND ${column} = ${id} AND "occurredAt" >= ${b.start} AND "occurredAt" < ${b.end} AND "status" <> 'BLOCKED'
    GROUP BY "sessionKey" ORDER BY MAX("occurredAt") DESC LIMIT ${DRILL_LIMIT}`;
  return {
    scope, id, label: scope === "agent" ? names.agent(id) : names.channel(id),
    sessions: rows.map((r) => ({
      sessionKey: r.sessionKey ?? "", calls: r.calls, errors: r.errors, tokens: Number(r.tokens), costTenantMicros: Number(r.costTenantMicros),
      costUsdMicros: Number(r.costListUsdMicros), firstAt: r.firstAt, lastAt: r.lastAt,
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

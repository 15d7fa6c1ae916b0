import { periodOf } from "@baas/gateway";
import type { DbLike } from "../lib-app/db-like";
import { Prisma } from "@baas/db";
import { addDays, daysBetween, type DayWindow } from "./range";
import type { Names } from "./names";

/** Series beyond this many are summed as "Others": a stacked chart of 40 colours says nothing. */
const MAX_SERIES = 6;
const OTHERS = "__others";
/** The projection continues at the average of this many last days of the window. */
const TREND_DAYS = 7;

export interface DailyPoint {
  day: string;
  /** Tenant-currency micros per series key; projected days have only `projected`. */
  values: Record<string, number>;
  usdMicros: number;
  projected: number | null;
}

type Folded = { day: string; key: string; cost: bigint; usd: bigint };

/**
 * The window's daily cost per channel or agent, the biggest MAX_SERIES kept and the rest folded
 * into OTHERS by PostgreSQL (a busy tenant has tens of thousands of roll-up rows per quarter).
 */
function foldedDaily(db: DbLike, tenantId: string, w: DayWindow, stackBy: "channel" | "agent") {
  const key = Prisma.raw(stackBy === "channel" ? `"channelKey"` : `"agentKey"`);
  const range = Prisma.sql`"tenantId" = ${tenantId} AND "day" >= ${w.from}::date AND "day" <= ${w.to}::date`;
  return db.$queryRaw<Folded[]>`
    SELECT to_char("day", 'YYYY-MM-DD') AS day,
      CASE WHEN ${key} IN (SELECT ${key} FROM "UsageDaily" WHERE ${range} GROUP BY 1 ORDER BY SUM("costTenantMicros") DESC, 1 LIMIT ${MAX_SERIES}) THEN ${key} ELSE ${OTHERS} END AS key,
      SUM("costTenantMicros")::bigint AS cost, SUM("costListUsdMicros")::bigint AS usd
    FROM "UsageDaily" WHERE ${range} GROUP BY 1, 2`;
}

/** The tenant-wide money budget in tenant currency per day (converted at the window's average rate). */
async function budgetPerDay(db: DbLike, tenantId: string, currency: string, fxRate: number, now: Date, timeZone: string) {
  const b = await db.budget.findFirst({ where: { tenantId, scope: "TENANT", enabled: true, limitMoneyMicros: { not: null } }, orderBy: { createdAt: "asc" } });
  if (!b?.limitMoneyMicros) return null;
  const p = periodOf(b.period, now, timeZone);
  const days = Math.round((p.end.getTime() - p.start.getTime()) / 86_400_000);
  const limitTenant = b.currency === currency ? Number(b.limitMoneyMicros) : b.currency === "USD" ? Number(b.limitMoneyMicros) * fxRate : null;
  if (limitTenant === null) return null;
  return { name: b.name, period: b.period, limitMicros: limitTenant, perDayMicros: Math.round(limitTenant / days), periodEnd: p.end };
}

/**
 * Daily cost stacked by channel or agent, with the tenant budget as a per-day line and a
 * projection to the end of the budget period (or a week) at the window's recent pace.
 */
export async function dailyCost(db: DbLike, tenant: { id: string; currency: string; timezone: string }, w: DayWindow, stackBy: "channel" | "agent", names: Names, now: Date) {
  const rows = (await foldedDaily(db, tenant.id, w, stackBy)).map((r) => ({ day: r.day, key: r.key, cost: Number(r.cost), usd: Number(r.usd) }));
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + r.cost);
  const top = [...totals].filter(([k]) => k !== OTHERS).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  const byDay = new Map<string, DailyPoint>(w.days.map((d) => [d, { day: d, values: {}, usdMicros: 0, projected: null }]));
  for (const r of rows) {
    const p = byDay.get(r.day);
    if (!p) continue;
    p.values[r.key] = (p.values[r.key] ?? 0) + r.cost;
    p.usdMicros += r.usd;
  }
  const totalTenant = rows.reduce((s, r) => s + r.cost, 0);
  const totalUsd = rows.reduce((s, r) => s + r.usd, 0);
  const budget = await budgetPerDay(db, tenant.id, tenant.currency, totalUsd ? totalTenant / totalUsd : 1, now, tenant.timezone);
  const points = [...byDay.values()];
  const recent = points.slice(-TREND_DAYS);
  const pace = recent.length ? Math.round(recent.reduce((s, p) => s + Object.values(p.values).reduce((a, b) => a + b, 0), 0) / recent.length) : 0;
  const lastProjected = budget ? addDays(budget.periodEnd.toISOString().slice(0, 10), -1) : addDays(w.to, 7);
  const future = lastProjected > w.to ? daysBetween(addDays(w.to, 1), lastProjected).slice(0, 62) : [];
  const series = [...top, ...(totals.has(OTHERS) ? [OTHERS] : [])].map((k) => ({
    key: k,
    label: k === OTHERS ? "Others" : stackBy === "channel" ? names.channel(k) : names.agent(k),
  }));
  return {
    stackBy, currency: tenant.currency, series,
    points: [...points, ...future.map((day): DailyPoint => ({ day, values: {}, usdMicros: 0, projected: pace }))],
    budget: budget ? { name: budget.name, period: budget.period, limitMicros: budget.limitMicros, perDayMicros: budget.perDayMicros } : null,
    paceMicros: pace,
  };
}

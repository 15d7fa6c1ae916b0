import { localDay } from "@baas/gateway";
import type { Db } from "@baas/db";
import { addDays } from "../analytics/range";

/** More than this share of the last hour's calls failing raises an alert. */
export const ERROR_RATE_LIMIT = 0.05;
/** Fewer calls than this in the hour say nothing about a rate (one error in three calls is not an outage). */
export const ERROR_RATE_MIN_CALLS = 20;
/** A day costing more than this multiple of the trailing 7-day average raises an alert. */
export const COST_SPIKE_FACTOR = 2;
const TRAILING_DAYS = 7;
const HOUR = 3_600_000;

async function raise(db: Db, data: { tenantId: string; kind: "ERROR_RATE" | "COST_ANOMALY"; message: string; dedupeKey: string }): Promise<number> {
  const { count } = await db.alert.createMany({ data: [{ ...data, severity: "WARNING" }], skipDuplicates: true });
  return count;
}

/** Error rate over the last hour; at most one alert per tenant per clock hour (the dedupe key). */
export async function checkErrorRate(db: Db, tenantId: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - HOUR);
  const [row] = await db.$queryRaw<{ calls: number; errors: number }[]>`
    SELECT COUNT(*)::int AS calls, (COUNT(*) FILTER (WHERE "status" = 'ERROR'))::int AS errors
    FROM "UsageEvent" WHERE "tenantId" = ${tenantId} AND "occurredAt" > ${since} AND "occurredAt" <= ${now} AND "status" <> 'BLOCKED'`;
  const { calls, errors } = row ?? { calls: 0, errors: 0 };
  if (calls < ERROR_RATE_MIN_CALLS || errors / calls <= ERROR_RATE_LIMIT) return 0;
  const pct = Math.round((errors / calls) * 1000) / 10;
  return raise(db, {
    tenantId, kind: "ERROR_RATE", dedupeKey: `error-rate:${tenantId}:${now.toISOString().slice(0, 13)}`,
    message: `${pct} % of model calls failed in the last hour (${errors} of ${calls}); over ${ERROR_RATE_LIMIT * 100} % means the provider or an account is in trouble.`,
  });
}

type DayCost = { key: string; day: string; cost: bigint };

/**
 * Today's cost (so far, tenant-local day) per agent and per channel against the average of the
 * 7 days before: over COST_SPIKE_FACTOR times raises one alert per agent or channel per day. An
 * agent or channel without spending in those 7 days has no average to compare with.
 */
export async function checkCostSpikes(db: Db, tenant: { id: string; timezone: string; currency: string }, now: Date): Promise<number> {
  const today = localDay(now, tenant.timezone);
  const from = addDays(today, -TRAILING_DAYS);
  let raised = 0;
  for (const scope of ["agent", "channel"] as const) {
    const col = scope === "agent" ? "agentKey" : "channelKey";
    const rows = await db.usageDaily.groupBy({ by: [col, "day"], where: { tenantId: tenant.id, day: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${today}T00:00:00Z`) }, NOT: { [col]: "" } }, _sum: { costTenantMicros: true } });
    const costs: DayCost[] = rows.map((r) => ({ key: (r as unknown as Record<string, string>)[col]!, day: r.day.toISOString().slice(0, 10), cost: r._sum.costTenantMicros ?? 0n }));
    for (const key of new Set(costs.filter((c) => c.day === today).map((c) => c.key))) {
      const todayCost = Number(costs.find((c) => c.key === key && c.day === today)!.cost);
      const avg = costs.filter((c) => c.key === key && c.day < today).reduce((s, c) => s + Number(c.cost), 0) / TRAILING_DAYS;
      if (avg <= 0 || todayCost <= COST_SPIKE_FACTOR * avg) continue;
      const money = (m: number) => `${(m / 1e6).toFixed(2)} ${tenant.currency}`;
      raised += await raise(db, {
        tenantId: tenant.id, kind: "COST_ANOMALY", dedupeKey: `cost-spike:${tenant.id}:${scope}:${key}:${today}`,
        message: `${await labelOf(db, scope, key)} has cost ${money(todayCost)} today, ${Math.round((todayCost / avg) * 100)} % of its 7-day average (${money(avg)} a day).`,
      });
    }
  }
  return raised;
}

async function labelOf(db: Db, scope: "agent" | "channel", id: string): Promise<string> {
  if (scope === "agent") return `Agent ${(await db.agent.findUnique({ where: { id }, select: { name: true } }))?.name ?? id}`;
  const c = await db.channel.findUnique({ where: { id }, select: { name: true, externalId: true } });
  return `Group or DM ${c?.name ?? c?.externalId ?? id}`;
}

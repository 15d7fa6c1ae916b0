import { localDay, periodOf } from "@baas/gateway";
import type { DbLike } from "../lib-app/db-like";

/** This month's cost of one agent or chat, in the tenant's currency. */
export interface MonthCost {
  /** What the calls are worth at list prices (what the tenant is charged). */
  listMicros: number;
  /** What was actually paid upstream (calls served by a Max subscription cost 0 cash). */
  cashMicros: number;
  calls: number;
}

export const NO_COST: MonthCost = { listMicros: 0, cashMicros: 0, calls: 0 };

/**
 * This calendar month's cost (tenant time zone) per agent or per chat, from the daily roll-up.
 * Cash is stored in USD only: it is converted at the rate the list value was (tenant ÷ list USD),
 * so both figures are in the tenant's currency and can stand side by side.
 */
export async function monthCostBy(db: DbLike, tenantId: string, by: "agentKey" | "channelKey", now: Date): Promise<Map<string, MonthCost>> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timezone: true } });
  const p = periodOf("MONTHLY", now, tenant.timezone);
  const from = new Date(localDay(p.start, tenant.timezone));
  const to = new Date(localDay(new Date(p.end.getTime() - 1), tenant.timezone));
  const rows = await db.usageDaily.groupBy({
    by: [by],
    where: { tenantId, day: { gte: from, lte: to } },
    _sum: { calls: true, costTenantMicros: true, costListUsdMicros: true, costCashUsdMicros: true },
  });
  const out = new Map<string, MonthCost>();
  for (const r of rows) {
    const tenantMicros = Number(r._sum.costTenantMicros ?? 0);
    const listUsd = Number(r._sum.costListUsdMicros ?? 0);
    const cashUsd = Number(r._sum.costCashUsdMicros ?? 0);
    const rate = listUsd > 0 ? tenantMicros / listUsd : 1;
    out.set((r as Record<typeof by, string>)[by], { listMicros: tenantMicros, cashMicros: Math.round(cashUsd * rate), calls: r._sum.calls ?? 0 });
  }
  return out;
}

import { localDay, periodOf } from "@baas/gateway";
import type { DbLike } from "../lib-app/db-like";
import { ONLINE_WINDOW_MS } from "../agent/agent.service";

/**
 * The operator's list of tenants: plan, this month's spend (each tenant's own month and
 * currency, plus the list value in USD to compare tenants) and a status a person can act on.
 */
export async function listTenants(db: DbLike, now: Date) {
  const tenants = await db.tenant.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true, name: true, slug: true, currency: true, timezone: true, createdAt: true,
      subscription: { select: { status: true, graceEndsAt: true, tier: { select: { name: true, key: true } } } },
      instances: { where: { revokedAt: null }, select: { lastSeenAt: true } },
      _count: { select: { agents: { where: { archivedAt: null } }, memberships: true } },
    },
  });
  const spend = await monthSpend(db, tenants, now);
  const rows = tenants.map((t) => {
    const online = t.instances.filter((i) => i.lastSeenAt && now.getTime() - i.lastSeenAt.getTime() < ONLINE_WINDOW_MS).length;
    const s = spend.get(t.id);
    return {
      id: t.id, name: t.name, slug: t.slug, currency: t.currency, createdAt: t.createdAt,
      plan: t.subscription?.tier.name ?? null,
      subscription: t.subscription ? t.subscription.status : null,
      agents: t._count.agents, members: t._count.memberships,
      bots: { total: t.instances.length, online },
      spendMicros: s?.tenant ?? 0, spendListUsdMicros: s?.usd ?? 0, calls: s?.calls ?? 0,
    };
  });
  // Biggest spenders first (compared in USD list value, the one currency all tenants share).
  return rows.sort((a, b) => b.spendListUsdMicros - a.spendListUsdMicros || a.name.localeCompare(b.name));
}

/** One roll-up read per time zone: a tenant's month is its own calendar month. */
async function monthSpend(db: DbLike, tenants: { id: string; timezone: string }[], now: Date) {
  const out = new Map<string, { tenant: number; usd: number; calls: number }>();
  const zones = [...new Set(tenants.map((t) => t.timezone))];
  for (const tz of zones) {
    const p = periodOf("MONTHLY", now, tz);
    const rows = await db.usageDaily.groupBy({
      by: ["tenantId"],
      where: { tenantId: { in: tenants.filter((t) => t.timezone === tz).map((t) => t.id) }, day: { gte: new Date(localDay(p.start, tz)), lte: new Date(localDay(new Date(p.end.getTime() - 1), tz)) } },
      _sum: { costTenantMicros: true, costListUsdMicros: true, calls: true },
    });
    for (const r of rows) out.set(r.tenantId, { tenant: Number(r._sum.costTenantMicros ?? 0), usd: Number(r._sum.costListUsdMicros ?? 0), calls: r._sum.calls ?? 0 });
  }
  return out;
}

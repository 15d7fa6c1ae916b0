import type { DbLike } from "../lib-app/db-like";

/** How far back "last error" looks: bounded, so an account that never fails costs one index range. */
const LAST_ERROR_WINDOW_MS = 24 * 3_600_000;

type ErrorRow = { accountId: string; occurredAt: Date; errorCode: string | null; model: string };

/**
 * The shared upstream pool as the operator watches it: each account's status, its Max rolling
 * windows as last reported by the provider's headers, what it served today (tenant-local days, from
 * the analytics roll-up, every tenant) and its latest error of the last 24 hours. Never credentials.
 */
export async function poolHealth(db: DbLike, now: Date) {
  const accounts = await db.upstreamAccount.findMany({
    orderBy: [{ provider: "asc" }, { priority: "asc" }, { name: "asc" }],
    select: { id: true, name: true, provider: true, kind: true, status: true, disabledReason: true, priority: true, window5hUtilization: true, window5hResetAt: true, window7dUtilization: true, window7dResetAt: true, updatedAt: true },
  });
  const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const served = await db.usageDailyRoute.groupBy({ by: ["accountKey"], where: { day: today, accountKey: { in: accounts.map((a) => a.id) } }, _sum: { calls: true, errors: true, fallbacks: true, costListUsdMicros: true, costCashUsdMicros: true } });
  const errors = accounts.length
    ? await db.$queryRaw<ErrorRow[]>`
      SELECT DISTINCT ON ("upstreamAccountId") "upstreamAccountId" AS "accountId", "occurredAt", "errorCode", "model"
      FROM "UsageEvent" WHERE "upstreamAccountId" = ANY(${accounts.map((a) => a.id)}::text[]) AND "status" = 'ERROR' AND "occurredAt" >= ${new Date(now.getTime() - LAST_ERROR_WINDOW_MS)}
      ORDER BY "upstreamAccountId", "occurredAt" DESC`
    : [];
  return accounts.map((a) => {
    const s = served.find((r) => r.accountKey === a.id)?._sum;
    const e = errors.find((r) => r.accountId === a.id);
    return {
      ...a,
      today: { calls: s?.calls ?? 0, errors: s?.errors ?? 0, fallbacks: s?.fallbacks ?? 0, costListUsdMicros: Number(s?.costListUsdMicros ?? 0), costCashUsdMicros: Number(s?.costCashUsdMicros ?? 0) },
      lastError: e ? { at: e.occurredAt, code: e.errorCode, model: e.model } : null,
    };
  });
}

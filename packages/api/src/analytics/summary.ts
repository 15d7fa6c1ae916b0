import type { DbLike } from "../lib-app/db-like";
import type { DayWindow } from "./range";
import { dayFilter } from "./range";
import type { Names } from "./names";

type Sum = { calls: number | null; costListUsdMicros: bigint | null; costCashUsdMicros: bigint | null; costTenantMicros: bigint | null; inputTokens: bigint | null; outputTokens: bigint | null; cacheReadTokens: bigint | null; cacheWriteTokens: bigint | null };

export interface BreakdownRow {
  key: string;
  label: string;
  calls: number;
  costTenantMicros: number;
  costUsdMicros: number;
  cashUsdMicros: number;
  /** Null where the roll-up does not split tokens that way (upstream accounts). */
  tokens: number | null;
}

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

function row(key: string, label: string, s: Sum): BreakdownRow {
  return {
    key, label, calls: n(s.calls), costTenantMicros: n(s.costTenantMicros), costUsdMicros: n(s.costListUsdMicros), cashUsdMicros: n(s.costCashUsdMicros),
    tokens: n(s.inputTokens) + n(s.outputTokens) + n(s.cacheReadTokens) + n(s.cacheWriteTokens),
  };
}

const byCost = (a: BreakdownRow, b: BreakdownRow) => b.costTenantMicros - a.costTenantMicros || b.calls - a.calls || a.label.localeCompare(b.label);

type GroupedRow = Sum & { g: "channel" | "agent" | "model" | "total"; key: string | null; calls: number };

/**
 * The window's UsageDaily rows summed by channel, by agent, by model and in total in ONE scan
 * (GROUPING SETS): a busy tenant has tens of thousands of roll-up rows per quarter.
 */
function groupedDaily(db: DbLike, tenantId: string, w: DayWindow) {
  return db.$queryRaw<GroupedRow[]>`
    SELECT CASE WHEN GROUPING("channelKey") = 0 THEN 'channel' WHEN GROUPING("agentKey") = 0 THEN 'agent' WHEN GROUPING("model") = 0 THEN 'model' ELSE 'total' END AS g,
      COALESCE(CASE WHEN GROUPING("channelKey") = 0 THEN "channelKey" WHEN GROUPING("agentKey") = 0 THEN "agentKey" ELSE "model" END, '') AS key,
      SUM("calls")::int AS calls, SUM("inputTokens")::bigint AS "inputTokens", SUM("outputTokens")::bigint AS "outputTokens",
      SUM("cacheReadTokens")::bigint AS "cacheReadTokens", SUM("cacheWriteTokens")::bigint AS "cacheWriteTokens",
      SUM("costListUsdMicros")::bigint AS "costListUsdMicros", SUM("costCashUsdMicros")::bigint AS "costCashUsdMicros", SUM("costTenantMicros")::bigint AS "costTenantMicros"
    FROM "UsageDaily" WHERE "tenantId" = ${tenantId} AND "day" >= ${w.from}::date AND "day" <= ${w.to}::date
    GROUP BY GROUPING SETS (("channelKey"), ("agentKey"), ("model"), ())`;
}

/**
 * Where the money went over a window: totals (list vs cash, tokens by kind, calls, messages) and
 * cost by channel, agent, model and upstream account — all from the daily roll-ups.
 */
export async function usageSummary(db: DbLike, tenantId: string, w: DayWindow, names: Names) {
  const where = { tenantId, day: dayFilter(w) };
  const [grouped, byAccount, messages] = await Promise.all([
    groupedDaily(db, tenantId, w),
    db.usageDailyRoute.groupBy({ by: ["accountKey"], where, _sum: { calls: true, inputTokens: true, cacheReadTokens: true, costListUsdMicros: true, costCashUsdMicros: true, costTenantMicros: true } }),
    db.usageSessionDaily.aggregate({ where, _sum: { messages: true } }),
  ]);
  const of = (g: GroupedRow["g"]) => grouped.filter((r) => r.g === g);
  const t: Sum = of("total")[0] ?? { calls: 0, costListUsdMicros: null, costCashUsdMicros: null, costTenantMicros: null, inputTokens: null, outputTokens: null, cacheReadTokens: null, cacheWriteTokens: null };
  return {
    totals: {
      calls: n(t.calls),
      messages: messages._sum.messages ?? 0,
      costTenantMicros: n(t.costTenantMicros),
      costListUsdMicros: n(t.costListUsdMicros),
      costCashUsdMicros: n(t.costCashUsdMicros),
      tokens: { input: n(t.inputTokens), output: n(t.outputTokens), cacheRead: n(t.cacheReadTokens), cacheWrite: n(t.cacheWriteTokens) },
    },
    byChannel: of("channel").map((r) => row(r.key ?? "", names.channel(r.key ?? ""), r)).sort(byCost),
    byAgent: of("agent").map((r) => row(r.key ?? "", names.agent(r.key ?? ""), r)).sort(byCost),
    byModel: of("model").map((r) => row(r.key ?? "", r.key ?? "", r)).sort(byCost),
    byAccount: byAccount
      .map((r) => ({ ...row(r.accountKey, names.account(r.accountKey), { ...r._sum, outputTokens: null, cacheWriteTokens: null }), tokens: null }))
      .sort(byCost),
  };
}

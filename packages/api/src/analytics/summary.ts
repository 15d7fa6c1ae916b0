import type { DbLike } from "../lib-app/db-like";
import type { DayWindow } from "./range";
import { dayFilter } from "./range";
import type { Names } from "./names";

const SUMS = { calls: true, inputTokens: true, outputTokens: true, cacheReadTokens: true, cacheWriteTokens: true, costListUsdMicros: true, costCashUsdMicros: true, costTenantMicros: true } as const;

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

/**
 * Where the money went over a window: totals (list vs cash, tokens by kind, calls, messages) and
 * cost by channel, agent, model and upstream account — all from the daily roll-ups.
 */
export async function usageSummary(db: DbLike, tenantId: string, w: DayWindow, names: Names) {
  const where = { tenantId, day: dayFilter(w) };
  const [total, byChannel, byAgent, byModel, byAccount, messages] = await Promise.all([
    db.usageDaily.aggregate({ where, _sum: SUMS }),
    db.usageDaily.groupBy({ by: ["channelKey"], where, _sum: SUMS }),
    db.usageDaily.groupBy({ by: ["agentKey"], where, _sum: SUMS }),
    db.usageDaily.groupBy({ by: ["model"], where, _sum: SUMS }),
    db.usageDailyRoute.groupBy({ by: ["accountKey"], where, _sum: { calls: true, inputTokens: true, cacheReadTokens: true, costListUsdMicros: true, costCashUsdMicros: true, costTenantMicros: true } }),
    db.usageRunDay.count({ where }),
  ]);
  const t = total._sum;
  return {
    totals: {
      calls: n(t.calls),
      messages,
      costTenantMicros: n(t.costTenantMicros),
      costListUsdMicros: n(t.costListUsdMicros),
      costCashUsdMicros: n(t.costCashUsdMicros),
      tokens: { input: n(t.inputTokens), output: n(t.outputTokens), cacheRead: n(t.cacheReadTokens), cacheWrite: n(t.cacheWriteTokens) },
    },
    byChannel: byChannel.map((r) => row(r.channelKey, names.channel(r.channelKey), r._sum)).sort(byCost),
    byAgent: byAgent.map((r) => row(r.agentKey, names.agent(r.agentKey), r._sum)).sort(byCost),
    byModel: byModel.map((r) => row(r.model, r.model, r._sum)).sort(byCost),
    byAccount: byAccount
      .map((r) => ({ ...row(r.accountKey, names.account(r.accountKey), { ...r._sum, outputTokens: null, cacheWriteTokens: null }), tokens: null }))
      .sort(byCost),
  };
}

import type { Db } from "@baas/db";
import type { GatewayAlert, Notifier } from "@baas/gateway";
import { budgetsWithUse } from "../overview/overview.service";

type BudgetUse = Awaited<ReturnType<typeof budgetsWithUse>>[number];

/** The gateway's own words for a threshold (packages/gateway/src/budgets.ts), so both read alike. */
function thresholdMessage(b: BudgetUse, thr: number): string {
  const period = b.period.toLowerCase();
  const key = b.periodKey.slice(1);
  return thr >= 100 ? `Budget "${b.name}" has reached its ${period} limit (${key}).` : `Budget "${b.name}" has used ${thr}% of its ${period} limit (${key}).`;
}

function alertOf(tenantId: string, b: BudgetUse, thr: number, alertId: string): GatewayAlert {
  return {
    alertId, kind: "BUDGET_THRESHOLD", severity: thr >= 100 ? "CRITICAL" : "WARNING", tenantId, budgetId: b.id, thresholdPct: thr, periodKey: b.periodKey, message: thresholdMessage(b, thr),
    budget: {
      name: b.name, scope: b.scope, period: b.period, action: b.action, currency: b.currency, usedMoney: b.usedMoneyMicros ?? 0, limitMoney: b.limitMoneyMicros,
      usedTokens: b.usedTokens, limitTokens: b.limitTokens, usedMessages: b.usedMessages, limitMessages: b.limitMessages, periodEnd: b.resetsAt.toISOString(),
    },
  };
}

/**
 * Raises every threshold a tenant's budgets have reached this period that no call raised yet
 * (a limit lowered after the spending, a process that died before its alert). The dedupe key is
 * the gateway's, so whichever comes first raises and mails it, and the other finds it there.
 */
export async function sweepBudgets(db: Db, tenantId: string, notifier: Notifier, now: Date): Promise<number> {
  let raised = 0;
  for (const b of await budgetsWithUse(db, tenantId, now)) {
    for (const thr of b.reached) {
      const alertId = crypto.randomUUID();
      const alert = alertOf(tenantId, b, thr, alertId);
      const { count } = await db.alert.createMany({
        data: [{ id: alertId, tenantId, budgetId: b.id, kind: "BUDGET_THRESHOLD", severity: thr >= 100 ? "CRITICAL" : thr >= 80 ? "WARNING" : "INFO", thresholdPct: thr, periodKey: b.periodKey, message: alert.message, dedupeKey: `budget:${b.id}:${b.periodKey}:${thr}` }],
        skipDuplicates: true,
      });
      if (!count) continue;
      raised++;
      await notifier.notify(alert);
      await db.alert.update({ where: { id: alertId }, data: { notifiedAt: new Date() } });
    }
  }
  return raised;
}

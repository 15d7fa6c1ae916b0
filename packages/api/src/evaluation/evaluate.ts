import type { Db } from "@baas/db";
import type { Notifier } from "@baas/gateway";
import { checkCostSpikes, checkErrorRate } from "./anomalies";
import { sweepBudgets } from "./budget-sweep";

export interface EvaluationResult {
  tenants: number;
  budgetAlerts: number;
  errorRateAlerts: number;
  costAlerts: number;
}

/**
 * The scheduled evaluation (the cron route runs it): budget thresholds no call has raised yet,
 * error-rate and cost anomalies, for every tenant. Idempotent: every alert has a dedupe key, so a
 * second run (or two schedulers at once) raises and mails nothing twice. One tenant failing does
 * not stop the others.
 */
export async function runScheduledEvaluation(db: Db, notifier: Notifier, opts: { now?: Date; tenantIds?: string[] } = {}): Promise<EvaluationResult & { failures: string[] }> {
  const now = opts.now ?? new Date();
  // tenantIds: tests evaluate their own tenants only (the test database is shared).
  const tenants = await db.tenant.findMany({ where: opts.tenantIds ? { id: { in: opts.tenantIds } } : {}, select: { id: true, timezone: true, currency: true }, orderBy: { id: "asc" } });
  const r = { tenants: tenants.length, budgetAlerts: 0, errorRateAlerts: 0, costAlerts: 0, failures: [] as string[] };
  for (const t of tenants) {
    try {
      r.budgetAlerts += await sweepBudgets(db, t.id, notifier, now);
      r.errorRateAlerts += await checkErrorRate(db, t.id, now);
      r.costAlerts += await checkCostSpikes(db, t, now);
    } catch (e) {
      r.failures.push(`${t.id}: ${e instanceof Error ? e.message.slice(0, 200) : String(e)}`);
    }
  }
  return r;
}

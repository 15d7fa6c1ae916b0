import type { Db } from "@baas/db";
import { AccountHealth, type HealthOptions } from "./account-health";
import { AccountPool } from "./account-pool";
import { Attributor } from "./attribution";
import { applicableBudgets, BudgetLedger } from "./budgets";
import { complete, stream } from "./calls";
import type { Deps } from "./deps";
import { FxRates, type FxOptions } from "./fx";
import { HoldKeeper } from "./holds";
import type { HotStore } from "./hot-store";
import { createLogNotifier } from "./notifier";
import { preflight } from "./preflight";
import { PriceBook } from "./pricing";
import { reportUsage } from "./report-usage";
import { TenantConfigs } from "./tenant-config";
import type {
  CallInput,
  CompleteResult,
  Notifier,
  PreflightInput,
  PreflightResult,
  ReportedUsageEvent,
  ReportUsageResult,
  StreamItem,
} from "./types";
import { createUsagePool, UsageWriter } from "./usage-writer";

export interface GatewayEngineConfig {
  db: Db;
  hot: HotStore;
  /** BAAS_ENCRYPTION_KEY, parsed (32 bytes): decrypts upstream credentials. */
  encryptionKey: Buffer;
  notifier?: Notifier;
  fx?: FxOptions;
  /** Clock for tests. */
  now?: () => number;
  /** Per upstream request, until the response headers (default 60 s). */
  upstreamTimeoutMs?: number;
  /** How long tenant settings, budgets, accounts and prices are cached (default 5 s). */
  configTtlMs?: number;
  /** No call is held longer than this, however long it runs (default 10 min). */
  reservationTtlMs?: number;
  /**
   * Holds belong to this process and lapse `leaseMs` after their last renewal (default 6 s), so a
   * killed process frees its budget holds within seconds; renewed every `leaseRenewMs` (1 s).
   * After Redis is emptied, nothing new is admitted for one lease while holds are put back.
   */
  leaseMs?: number;
  leaseRenewMs?: number;
  /** A call that only waits on other calls' holds waits up to this for them (default 30 s). */
  holdWaitMs?: number;
  /** How often counters this process settled are checked against PostgreSQL (default 30 s). */
  reconcileMs?: number;
  /** Only accounts whose name starts with this are used (tests and benchmarks). */
  accountNamePrefix?: string;
  health?: Partial<HealthOptions>;
  /** How usage rows are written (see UsageWriterOptions). */
  usage?: {
    /** Gives the writer its own small pg pool (one round trip per batch); else it uses `db`. */
    databaseUrl?: string;
    poolSize?: number;
    /** Explicit opt-in to synchronous_commit=off for usage rows; default false (durable). */
    asyncCommit?: boolean;
  };
}

export interface GatewayEngine {
  preflight(tenantId: string, instanceId: string, input: PreflightInput): Promise<PreflightResult>;
  complete(tenantId: string, instanceId: string, input: CallInput): Promise<CompleteResult>;
  stream(tenantId: string, instanceId: string, input: CallInput): AsyncGenerator<StreamItem>;
  reportUsage(tenantId: string, instanceId: string, events: ReportedUsageEvent[]): Promise<ReportUsageResult>;
  /** Re-seeds every missing budget counter of the current periods from PostgreSQL. */
  rebuildHotState(tenantId?: string): Promise<void>;
  /** Repairs counters this process settled lately that drifted from PostgreSQL; how many it fixed. */
  reconcile(): Promise<number>;
  /** Drops cached settings so dashboard edits apply at once. */
  invalidate(tenantId?: string): void;
  /** Drops this process's copy of the upstream account pool so an operator's edit applies to the next call. */
  invalidateAccounts(): void;
  close(): Promise<void>;
}

/** One alert per tenant and day: the operator looks at UsageDeadLetter for the rows themselves. */
async function raiseDeadLetter(db: Db, tenantId: string, key: string, error: string, at: number): Promise<void> {
  const day = new Date(at).toISOString().slice(0, 10);
  await db.alert
    .createMany({
      data: [{ tenantId, kind: "USAGE_DEAD_LETTER", severity: "CRITICAL", periodKey: day, dedupeKey: `usage-dead-letter:${tenantId}:${day}`, message: `A usage record could not be stored (call ${key.slice(0, 80)}: ${error.slice(0, 120)}); it is kept in the dead-letter table.` }],
      skipDuplicates: true,
    })
    .catch(() => undefined);
}

/** The gateway engine: framework-free; the tRPC router only validates and delegates. */
export function createGatewayEngine(config: GatewayEngineConfig): GatewayEngine {
  const now = config.now ?? Date.now;
  const ttl = config.configTtlMs ?? 5_000;
  const notifier = config.notifier ?? createLogNotifier();
  const fx = new FxRates(config.db, config.fx ?? {}, now);
  const health = new AccountHealth(
    config.hot,
    { breakerThreshold: 5, breakerOpenMs: 30_000, backoffBaseMs: 1_000, backoffMaxMs: 60_000, windowRotateAt: 0.95, ...config.health },
    now,
  );
  const leaseRenewMs = config.leaseRenewMs ?? 1_000;
  const leaseMs = config.leaseMs ?? 6_000;
  // After Redis was emptied, new calls wait one lease: every live process renews its holds
  // within a lease (else they would lapse anyway), so by then each has put back the holds of
  // its calls in flight. A shorter guess (a couple of renewals) overspent under load.
  const ledger = new BudgetLedger(config.db, config.hot, notifier, (c) => fx.rate(c), leaseMs);
  const holds = new HoldKeeper(config.hot, ledger, { leaseMs, renewMs: leaseRenewMs, maxHoldMs: config.reservationTtlMs ?? 600_000 }, now);
  holds.start();
  const d: Deps = {
    db: config.db,
    hot: config.hot,
    configs: new TenantConfigs(config.db, ttl, now),
    attributor: new Attributor(config.db, Math.max(ttl, 30_000), now),
    prices: new PriceBook(config.db, Math.max(ttl, 60_000), now),
    fx,
    ledger,
    pool: new AccountPool(config.db, notifier, { encryptionKey: config.encryptionKey, timeoutMs: config.upstreamTimeoutMs ?? 60_000, ttlMs: ttl, namePrefix: config.accountNamePrefix }, now),
    health,
    writer: new UsageWriter(config.db, {
      onDeadLetter: (row, error) => void raiseDeadLetter(config.db, row.tenantId, row.idempotencyKey, error, now()),
      asyncCommit: config.usage?.asyncCommit ?? false,
      pool: config.usage?.databaseUrl ? createUsagePool(config.usage.databaseUrl, { max: config.usage.poolSize, asyncCommit: config.usage.asyncCommit }) : undefined,
    }),
    sticky: new Map(),
    now,
    holds,
    holdWaitMs: config.holdWaitMs ?? 30_000,
  };
  const timer = setInterval(() => void health.refresh().catch(() => undefined), 1_000);
  timer.unref();
  const reconcile = async (): Promise<number> => {
    let fixed = 0;
    for (const [k, e] of ledger.touched) {
      if (now() - e.at > 3_600_000 || e.a.period.end.getTime() <= now()) ledger.touched.delete(k);
      else if (await ledger.reconcile(e.cfg, e.a).catch(() => false)) fixed++;
    }
    return fixed;
  };
  const reconciler = setInterval(() => void reconcile(), config.reconcileMs ?? 30_000);
  reconciler.unref();

  return {
    preflight: (t, i, input) => preflight(d, t, i, input),
    complete: (t, i, input) => complete(d, t, i, input),
    stream: (t, i, input) => stream(d, t, i, input),
    reportUsage: (t, i, events) => reportUsage(d, t, i, events),
    async rebuildHotState(tenantId) {
      const tenants = tenantId ? [tenantId] : (await config.db.budget.findMany({ where: { enabled: true }, distinct: ["tenantId"], select: { tenantId: true } })).map((r) => r.tenantId);
      for (const t of tenants) {
        d.configs.invalidate(t);
        const cfg = await d.configs.get(t);
        const at = new Date(now());
        for (const b of cfg.budgets) {
          const [a] = applicableBudgets({ ...cfg, budgets: [b] }, { agentId: b.agentId ?? "", channelId: b.channelId } as never, at);
          if (a) await d.ledger.rebuild(cfg, a);
        }
      }
    },
    reconcile,
    invalidate: (t) => d.configs.invalidate(t),
    invalidateAccounts: () => d.pool.invalidate(),
    async close() {
      clearInterval(timer);
      clearInterval(reconciler);
      holds.stop();
      await config.hot.close();
      await d.writer.close();
    },
  };
}

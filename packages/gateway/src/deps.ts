import type { Db } from "@baas/db";
import type { AccountHealth } from "./account-health";
import type { AccountPool } from "./account-pool";
import type { Attributor } from "./attribution";
import type { BudgetLedger } from "./budgets";
import type { FxRates } from "./fx";
import type { HoldKeeper } from "./holds";
import type { HotStore } from "./hot-store";
import type { PriceBook } from "./pricing";
import type { TenantConfigs } from "./tenant-config";
import type { UsageWriter } from "./usage-writer";

/** Everything one engine holds; the call-flow modules are plain functions over it. */
export interface Deps {
  db: Db;
  hot: HotStore;
  configs: TenantConfigs;
  attributor: Attributor;
  prices: PriceBook;
  fx: FxRates;
  ledger: BudgetLedger;
  pool: AccountPool;
  health: AccountHealth;
  writer: UsageWriter;
  /** sessionKey → account id: prompt caches live per account, so a session stays where it was. */
  sticky: Map<string, string>;
  now: () => number;
  /** The holds of this process's calls in flight (leases, put back after Redis loss). */
  holds: HoldKeeper;
  /** How long a call that only waits on other calls' holds may wait before it is refused. */
  holdWaitMs: number;
}

/**
 * `@baas/db/seed`: reference data (tiers, model prices) for every install, plus the demo
 * (upstream accounts on the fake upstream, the VM Deco tenant and four weeks of usage).
 * Every piece is idempotent: a second run finds its rows and changes nothing.
 */
import type { Db } from "../client";
import { parseEncryptionKey } from "../secret-box";
import { seedDemoTenant, type DemoTenant } from "./demo-tenant";
import { seedDemoUsage, type DemoUsageResult } from "./demo-usage";
import { seedModelPrices } from "./model-prices";
import { seedTiers, type TierSeed } from "./tiers";
import { seedUpstreamAccounts } from "./upstream-accounts";

export { seedTiers, TIERS, type TierSeed } from "./tiers";
export { seedModelPrices, MODEL_PRICES, PRICES_EFFECTIVE_FROM, findModelPrice, type ModelPriceSeed } from "./model-prices";
export { seedUpstreamAccounts, UPSTREAM_ACCOUNTS, type SeedUpstreamOptions } from "./upstream-accounts";
export { seedDemoTenant, demoInstanceKey, hashInstanceKey, type DemoTenant, type DemoTenantOptions } from "./demo-tenant";
export { seedDemoUsage, generateDemoUsage, llmListCostMicros, demoMonth, type DemoUsageOptions, type DemoUsageResult } from "./demo-usage";
export * from "./demo-data";
export { rebuildUsageDaily, addUsageEventsToDaily } from "../usage-daily";

export interface SeedDemoOptions {
  /** BAAS_ENCRYPTION_KEY, base64 or already decoded. */
  encryptionKey: string | Buffer;
  /** Where the demo upstream accounts send calls (the testkit fake LLM in demo mode). */
  upstreamBaseUrl: string;
  /** "Now" of the generated usage (tests pin it); defaults to the current time. */
  now?: Date;
  /** Days of generated usage (default 28). */
  days?: number;
}

export interface SeedDemoResult {
  tenant: DemoTenant;
  usage: DemoUsageResult;
  tiers: Record<TierSeed["key"], string>;
  prices: number;
  accounts: Record<string, string>;
}

/** Tiers and model prices only: what a production install needs. */
export async function seedReference(db: Db): Promise<{ tiers: Record<TierSeed["key"], string>; prices: number }> {
  const tiers = await seedTiers(db);
  const prices = await seedModelPrices(db);
  return { tiers, prices };
}

export async function seedDemo(db: Db, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  const encryptionKey = typeof opts.encryptionKey === "string" ? parseEncryptionKey(opts.encryptionKey) : opts.encryptionKey;
  const now = opts.now ?? new Date();
  const { tiers, prices } = await seedReference(db);
  const accounts = await seedUpstreamAccounts(db, { encryptionKey, upstreamBaseUrl: opts.upstreamBaseUrl });
  const tenant = await seedDemoTenant(db, { encryptionKey, tierId: tiers.enterprise, now });
  const usage = await seedDemoUsage(db, { tenant, accountIds: accounts, now, days: opts.days });
  return { tenant, usage, tiers, prices, accounts };
}

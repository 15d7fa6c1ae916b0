import type { Db } from "@baas/db";

export interface BudgetRule {
  id: string;
  name: string;
  scope: "TENANT" | "AGENT" | "CHANNEL";
  agentId: string | null;
  channelId: string | null;
  period: "DAILY" | "WEEKLY" | "MONTHLY";
  currency: string;
  limits: { money: number | null; tokens: number | null; messages: number | null };
  thresholds: number[];
  action: "BLOCK" | "DOWNGRADE" | "WARN";
  downgradeModel: string | null;
  /** "budget" for Budget rows; "quota" for the plan's monthly message allowance. */
  reason: "budget" | "quota";
}

export interface RateRule {
  id: string;
  scope: "TENANT" | "AGENT" | "ACCOUNT";
  targetId: string | null;
  windowMs: number;
  maxRequests: number | null;
  maxTokens: number | null;
}

export interface TenantConfig {
  id: string;
  currency: string;
  timezone: string;
  cacheEnabled: boolean;
  cacheTtlSec: number;
  budgets: BudgetRule[];
  rateRules: RateRule[];
  tier: TierRules | null;
  /** The plan puts a BaaS line at the end of each final answer (branding.ts). */
  branding: boolean;
}

export interface TierRules {
  name: string;
  allowedModels: string[];
  defaultModel: string;
  /** Models allowed against prepaid credits only (Business: Opus), one credit per call. */
  creditModels: string[];
  /** Higher plans, cheapest first: a refusal names the first one that includes the model. */
  upgrades: Array<{ name: string; allowedModels: string[] }>;
}

const WINDOW_MS = { MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 } as const;
const num = (v: bigint | number | null) => (v === null ? null : Number(v));

/**
 * Per-tenant settings the hot path needs (tenant, budgets, rate rules, plan), cached for a few
 * seconds: edits in the dashboard take effect within `ttlMs` without a query per call.
 */
export class TenantConfigs {
  private cache = new Map<string, { value: Promise<TenantConfig>; at: number }>();
  private accountRules: { value: Promise<RateRule[]>; at: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(tenantId: string): Promise<TenantConfig> {
    const hit = this.cache.get(tenantId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.load(tenantId);
    this.cache.set(tenantId, { value, at: this.now() });
    value.catch(() => this.cache.delete(tenantId));
    return value;
  }

  invalidate(tenantId?: string): void {
    if (tenantId) this.cache.delete(tenantId);
    else this.cache.clear();
    this.accountRules = null;
  }

  private async tierRules(t: { name: string; allowedModels: string[]; defaultModel: string; creditModels: string[]; sortOrder: number }): Promise<TierRules> {
    const upgrades = await this.db.tier.findMany({ where: { sortOrder: { gt: t.sortOrder } }, orderBy: [{ sortOrder: "asc" }, { priceMonthlyMinor: "asc" }], select: { name: true, allowedModels: true } });
    return { name: t.name, allowedModels: t.allowedModels, defaultModel: t.defaultModel, creditModels: t.creditModels, upgrades };
  }

  /** Rate rules on shared upstream accounts (no tenant). */
  accountRateRules(): Promise<RateRule[]> {
    if (this.accountRules && this.now() - this.accountRules.at < this.ttlMs) return this.accountRules.value;
    const value = this.db.rateLimitRule.findMany({ where: { scope: "ACCOUNT" } }).then((rows) => rows.map(toRateRule));
    this.accountRules = { value, at: this.now() };
    return value;
  }

  private async load(tenantId: string): Promise<TenantConfig> {
    const t = await this.db.tenant.findUnique({
      where: { id: tenantId },
      include: {
        budgets: { where: { enabled: true } },
        rateLimitRules: true,
        subscription: { include: { tier: true } },
      },
    });
    if (!t) throw new Error(`tenant ${tenantId} vanished`);
    const budgets: BudgetRule[] = t.budgets.map((b) => ({
      id: b.id,
      name: b.name,
      scope: b.scope,
      agentId: b.agentId,
      channelId: b.channelId,
      period: b.period,
      currency: b.currency.toUpperCase(),
      limits: { money: num(b.limitMoneyMicros), tokens: num(b.limitTokens), messages: b.limitMessages },
      thresholds: [...b.thresholds].sort((x, y) => x - y),
      action: b.action,
      downgradeModel: b.downgradeModel,
      reason: "budget",
    }));
    const sub = t.subscription;
    // The row's tier applies whatever its status: billing keeps it right (past due keeps the paid
    // tier through the grace period, a cancellation or an ended grace puts Starter there).
    const live = sub !== null;
    if (live && sub.tier.monthlyMessages !== null) {
      budgets.push({
        id: `quota-${sub.id}`,
        name: `${sub.tier.name} plan`,
        scope: "TENANT",
        agentId: null,
        channelId: null,
        period: "MONTHLY",
        currency: "USD",
        limits: { money: null, tokens: null, messages: sub.tier.monthlyMessages },
        thresholds: [80, 100],
        action: "BLOCK",
        downgradeModel: null,
        reason: "quota",
      });
    }
    return {
      id: t.id,
      currency: t.currency.toUpperCase(),
      timezone: t.timezone,
      cacheEnabled: t.responseCacheEnabled,
      cacheTtlSec: t.responseCacheTtlSec,
      budgets,
      rateRules: t.rateLimitRules.map(toRateRule),
      tier: live && sub.tier.allowedModels.length > 0 ? await this.tierRules(sub.tier) : null,
      branding: live && sub.tier.branding,
    };
  }
}

function toRateRule(r: { id: string; scope: RateRule["scope"]; targetId: string | null; window: keyof typeof WINDOW_MS; maxRequests: number | null; maxTokens: number | null }): RateRule {
  return { id: r.id, scope: r.scope, targetId: r.targetId, windowMs: WINDOW_MS[r.window], maxRequests: r.maxRequests, maxTokens: r.maxTokens };
}

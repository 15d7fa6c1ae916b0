import { randomUUID } from "node:crypto";
import { AppError, type Db } from "@baas/db";
import type { Amounts, CounterState, HotStore, RateEntry, ReserveLine } from "./hot-store";
import { periodOf, type Period } from "./periods";
import type { Attribution } from "./attribution";
import type { BudgetRule, TenantConfig } from "./tenant-config";
import type { GatewayAlert, Notifier } from "./types";

export interface BudgetCharge {
  /** List cost in USD micros; converted to each budget's currency here. */
  usdMicros: number;
  tokens: number;
  messages: number;
}

export interface Applied {
  rule: BudgetRule;
  period: Period;
  key: string;
}

const WEEK_MS = 7 * 86_400_000;

export interface ReserveOptions {
  /** The hold lapses this long after it was last renewed (its process renews it while the call runs). */
  leaseMs: number;
  now: () => number;
  rate?: RateEntry[];
  /** The caller's call id: claimed with the hold; a second call with it is refused. */
  claim?: string | null;
  /** How long a call that only waits on other calls' holds may wait for them (0 = refuse at once). */
  waitMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function duplicateCall(): AppError {
  return new AppError("CONFLICT", "This callId was already used by a call of this tenant; a call id is charged once and never sent upstream twice", {
    details: { reason: "duplicate_call", message: "This message was already answered." },
  });
}

/** Budgets that apply to a call: the tenant's, its agent's and its channel's, plus the plan quota. */
export function applicableBudgets(cfg: TenantConfig, attr: Attribution, at: Date): Applied[] {
  return cfg.budgets
    .filter((b) => b.scope === "TENANT" || (b.scope === "AGENT" && b.agentId === attr.agentId) || (b.scope === "CHANNEL" && b.channelId === attr.channelId && attr.channelId !== null))
    .map((rule) => {
      const period = periodOf(rule.period, at, cfg.timezone);
      return { rule, period, key: `b:${rule.id}:${period.key}` };
    });
}

export function usedPct(rule: BudgetRule, s: CounterState, withReserved = false): number {
  const dims = ["money", "tokens", "messages"] as const;
  let pct = 0;
  for (const d of dims) {
    const limit = rule.limits[d];
    if (limit === null) continue;
    const used = s.used[d] + (withReserved ? s.reserved[d] : 0);
    pct = Math.max(pct, limit <= 0 ? (used > 0 ? Infinity : 100) : (used / limit) * 100);
  }
  return pct;
}

/**
 * Budget counters in the HotStore, rebuilt from PostgreSQL usage events whenever a period's
 * counter is missing (a new period, an emptied Redis), and threshold alerts raised once per
 * budget, period and threshold (Alert.dedupeKey is unique).
 */
export class BudgetLedger {
  private raised = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly hot: HotStore,
    private readonly notifier: Notifier,
    private readonly fxRate: (currency: string) => Promise<number>,
    /** How long after the store was emptied new calls wait for holds to be put back. */
    private readonly restoreMs = 2_500,
  ) {}

  async amounts(cfg: TenantConfig, applied: Applied[], c: BudgetCharge): Promise<Amounts[]> {
    return Promise.all(
      applied.map(async (a) => ({
        money: Math.ceil(c.usdMicros * (a.rule.currency === "USD" ? 1 : await this.fxRate(a.rule.currency))),
        tokens: c.tokens,
        messages: c.messages,
      })),
    );
  }

  /**
   * Admits the call on the tenant's rate windows, claims its call id and holds the charge on every
   * applicable budget, in one atomic step; returns the budget that refused, or the rate window
   * that is full. A call that does not fit only because of other calls' holds waits for them to
   * settle (until `waitMs` has passed) instead of being refused while the budget still has room.
   */
  async reserve(cfg: TenantConfig, applied: Applied[], amounts: Amounts[], reservationId: string, o: ReserveOptions): Promise<Applied | { rate: RateEntry; retryAfterMs: number } | null> {
    const rate = o.rate ?? [];
    if (applied.length === 0 && rate.length === 0 && !o.claim) return null;
    const lines: ReserveLine[] = applied.map((a, i) => ({ key: a.key, limits: a.rule.limits, hard: a.rule.action !== "WARN", amounts: amounts[i]! }));
    const waitUntil = o.now() + (o.waitMs ?? 0);
    let rebuilds = 0;
    let reconciled = false;
    for (let pause = 5; ; pause = Math.min(pause * 2, 50)) {
      const now = o.now();
      const r = await this.hot.reserve(cfg.id, reservationId, lines, now + o.leaseMs, now, rate, o.claim ?? null);
      if (r.ok) return null;
      if (r.reason === "rate") return { rate: rate[r.index]!, retryAfterMs: r.retryAfterMs };
      if (r.reason === "duplicate") throw duplicateCall();
      if (r.reason === "missing") {
        if (++rebuilds > 4) throw new Error("budget counters could not be rebuilt");
        await Promise.all(r.indexes.map((i) => this.rebuild(cfg, applied[i]!)));
        continue;
      }
      const wait = r.reason === "restoring" ? Math.min(r.retryAfterMs, 250) : r.held && now < waitUntil ? pause : -1;
      if (wait < 0) {
        const a = applied[(r as { index: number }).index]!;
        // Before a final refusal: a counter that drifted above PostgreSQL (a call counted twice
        // across a flush) is repaired if idle, at most once a second per counter and process.
        if (!reconciled && this.mayReconcile(cfg.id, a.key, now)) {
          reconciled = true;
          if (await this.reconcile(cfg, a).catch(() => false)) continue;
        }
        return a;
      }
      await sleep(wait);
    }
  }

  /** Replaces the hold by the real amounts and adds `rateAdd` (token windows), in one step. */
  async settle(cfg: TenantConfig, applied: Applied[], reservationId: string | null, amounts: Amounts[], rateAdd: RateEntry[] = [], now = Date.now(), ref: string | null = null): Promise<void> {
    if (applied.length === 0 && rateAdd.length === 0) return;
    const states = await this.hot.settle(cfg.id, reservationId, applied.map((a, i) => ({ key: a.key, amounts: amounts[i]! })), rateAdd, now, ref);
    for (const a of applied) this.touched.set(`${cfg.id}\u0000${a.key}`, { cfg, a, at: now });
    await Promise.all(applied.map((a, i) => (states[i] ? this.thresholds(cfg, a, states[i]!) : this.rebuild(cfg, a))));
  }

  /** Counter states for a preflight look (seeding missing ones). */
  async read(cfg: TenantConfig, applied: Applied[]): Promise<CounterState[]> {
    let states = await this.hot.read(cfg.id, applied.map((a) => a.key));
    if (states.some((s) => s === null)) {
      await Promise.all(applied.map((a, i) => (states[i] ? null : this.rebuild(cfg, a))));
      states = await this.hot.read(cfg.id, applied.map((a) => a.key));
    }
    const zero = { money: 0, tokens: 0, messages: 0 };
    return states.map((s) => s ?? { used: zero, reserved: zero });
  }

  /** One budget's settled usage this period, from the usage events (PostgreSQL is the truth). */
  private async usedFromDb(db: Pick<Db, "$queryRawUnsafe">, cfg: TenantConfig, a: Applied, fx: number): Promise<Amounts> {
    const filter = a.rule.scope === "AGENT" ? `AND "agentId" = $4` : a.rule.scope === "CHANNEL" ? `AND "channelId" = $4` : "";
    const ts = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");
    const args: unknown[] = [cfg.id, ts(a.period.start), ts(a.period.end)];
    if (filter) args.push(a.rule.scope === "AGENT" ? a.rule.agentId : a.rule.channelId);
    const [row] = await db.$queryRawUnsafe<{ usd: string; tenant: string; tokens: string; msgs: number }[]>(
      `SELECT coalesce(sum("costListUsdMicros"), 0)::text AS usd, coalesce(sum("costTenantMicros"), 0)::text AS tenant,
        coalesce(sum("inputTokens" + "outputTokens" + "cacheReadTokens" + "cacheWriteTokens"), 0)::text AS tokens,
        (count(*) FILTER (WHERE "kind" = 'LLM'))::int AS msgs
       FROM "UsageEvent" WHERE "tenantId" = $1 AND "occurredAt" >= $2::timestamp(3) AND "occurredAt" < $3::timestamp(3) ${filter}`,
      ...args,
    );
    const usd = Number(row?.usd ?? 0);
    const cur = a.rule.currency;
    const money = cur === "USD" ? usd : cur === cfg.currency ? Number(row?.tenant ?? 0) : Math.ceil(usd * fx);
    return { money, tokens: Number(row?.tokens ?? 0), messages: row?.msgs ?? 0 };
  }

  private fxFor(cfg: TenantConfig, a: Applied): Promise<number> {
    const cur = a.rule.currency;
    return cur === "USD" || cur === cfg.currency ? Promise.resolve(1) : this.fxRate(cur);
  }

  /**
   * Recomputes one budget's period counter from PostgreSQL when it is missing. The sum and the
   * check of the settles the seed took in (calls that finished while the counter was missing) read
   * one snapshot: those the sum already counted are taken back, so a call counts exactly once.
   */
  async rebuild(cfg: TenantConfig, a: Applied): Promise<void> {
    const fx = await this.fxFor(cfg, a);
    await this.db.$transaction(
      async (tx) => {
        const used = await this.usedFromDb(tx, cfg, a, fx);
        const ttl = a.period.end.getTime() - Date.now() + WEEK_MS;
        // A store emptied moments ago: calls in flight are still having their holds put back by
        // their processes (each renews every renewMs), so this counter admits nothing until then.
        const epoch = await this.hot.epoch(Date.now());
        const restoreUntil = epoch.since + this.restoreMs > Date.now() ? epoch.since + this.restoreMs : 0;
        const { merged } = await this.hot.seed(cfg.id, a.key, used, ttl, restoreUntil);
        const refs = merged.map((m) => m.ref).filter((r) => !r.startsWith("rid:"));
        if (refs.length === 0) return;
        const counted = new Set(
          (await tx.$queryRawUnsafe<{ k: string }[]>(`SELECT "idempotencyKey" AS k FROM "UsageEvent" WHERE "tenantId" = $1 AND "idempotencyKey" = ANY($2::text[])`, cfg.id, refs)).map((r) => r.k),
        );
        const twice = merged.filter((m) => counted.has(m.ref));
        if (twice.length === 0) return;
        const back = { money: 0, tokens: 0, messages: 0 };
        for (const m of twice) {
          back.money -= m.amounts.money;
          back.tokens -= m.amounts.tokens;
          back.messages -= m.amounts.messages;
        }
        await this.hot.settle(cfg.id, null, [{ key: a.key, amounts: back }]);
      },
      { isolationLevel: "RepeatableRead" },
    );
  }

  /**
   * Repairs drift between a counter and PostgreSQL (a lost settle, a hand-edited key): when the
   * counter holds nothing in flight and does not move while PostgreSQL is read, its settled usage
   * becomes PostgreSQL's. A busy counter is left for a quieter moment. Returns whether it changed.
   */
  async reconcile(cfg: TenantConfig, a: Applied): Promise<boolean> {
    const [seen] = await this.hot.read(cfg.id, [a.key]);
    if (!seen || seen.reserved.money || seen.reserved.tokens || seen.reserved.messages) return false;
    const actual = await this.usedFromDb(this.db, cfg, a, await this.fxFor(cfg, a));
    const same = actual.money === seen.used.money && actual.tokens === seen.used.tokens && actual.messages === seen.used.messages;
    return !same && (await this.hot.reconcile(cfg.id, a.key, seen.used, actual));
  }

  private lastReconcile = new Map<string, number>();

  private mayReconcile(tenantId: string, key: string, now: number): boolean {
    const k = `${tenantId}\u0000${key}`;
    if (now - (this.lastReconcile.get(k) ?? 0) < 1_000) return false;
    if (this.lastReconcile.size > 50_000) this.lastReconcile.clear();
    this.lastReconcile.set(k, now);
    return true;
  }

  /** Counters this process settled lately: the ones the reconciler looks at. */
  readonly touched = new Map<string, { cfg: TenantConfig; a: Applied; at: number }>();

  private async thresholds(cfg: TenantConfig, a: Applied, s: CounterState): Promise<void> {
    const pct = usedPct(a.rule, s);
    for (const thr of a.rule.thresholds) {
      if (thr > pct) break;
      const dedupeKey = `budget:${a.rule.id}:${a.period.key}:${thr}`;
      if (this.raised.has(dedupeKey)) continue;
      this.raised.add(dedupeKey);
      await this.raise(cfg, a, thr, dedupeKey, s);
    }
  }

  private async raise(cfg: TenantConfig, a: Applied, thr: number, dedupeKey: string, s: CounterState): Promise<void> {
    const message =
      thr >= 100
        ? `Budget "${a.rule.name}" has reached its ${a.rule.period.toLowerCase()} limit (${a.period.key.slice(1)}).`
        : `Budget "${a.rule.name}" has used ${thr}% of its ${a.rule.period.toLowerCase()} limit (${a.period.key.slice(1)}).`;
    const alertId = randomUUID();
    const created = await this.db.alert.createMany({
      data: [{
        id: alertId,
        tenantId: cfg.id,
        budgetId: a.rule.reason === "budget" ? a.rule.id : null,
        kind: "BUDGET_THRESHOLD",
        severity: thr >= 100 ? "CRITICAL" : thr >= 80 ? "WARNING" : "INFO",
        thresholdPct: thr,
        periodKey: a.period.key,
        message,
        dedupeKey,
      }],
      skipDuplicates: true,
    });
    if (created.count === 0) return; // another process raised it first
    const r = a.rule;
    const budget = {
      name: r.name, scope: r.scope, period: r.period, action: r.action, currency: r.currency,
      usedMoney: s.used.money, limitMoney: r.limits.money, usedTokens: s.used.tokens, limitTokens: r.limits.tokens,
      usedMessages: s.used.messages, limitMessages: r.limits.messages, periodEnd: a.period.end.toISOString(),
    };
    const alert: GatewayAlert = { alertId, kind: "BUDGET_THRESHOLD", severity: thr >= 100 ? "CRITICAL" : "WARNING", tenantId: cfg.id, budgetId: r.id, thresholdPct: thr, periodKey: a.period.key, message, budget };
    // The alert is stored; delivering it (e-mail) must not hold up the model call that crossed it.
    void Promise.resolve()
      .then(() => this.notifier.notify(alert))
      .then(() => this.db.alert.update({ where: { id: alertId }, data: { notifiedAt: new Date() } }))
      .catch(() => undefined);
  }
}

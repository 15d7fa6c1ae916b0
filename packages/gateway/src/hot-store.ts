/**
 * Hot, rebuildable state shared by every control-plane process: budget counters with
 * reservations, rate-limit windows, account cooldowns and the response cache. Two
 * implementations keep the same contract (hot-store.contract.ts): Redis for real deployments and
 * an in-process map for `npm start` without Redis.
 *
 * Counter keys are logical ("b:<budgetId>:<periodKey>"); every store namespaces them per tenant
 * (Redis: a `{t:<tenantId>}` hash tag, so one Lua script can touch all of a tenant's budgets on a
 * Redis Cluster).
 */
export interface Amounts {
  money: number;
  tokens: number;
  messages: number;
}

export interface Limits {
  money: number | null;
  tokens: number | null;
  messages: number | null;
}

export interface ReserveLine {
  key: string;
  limits: Limits;
  /** Hard lines refuse a reservation that would cross a limit; soft (WARN) lines only count. */
  hard: boolean;
  amounts: Amounts;
}

export type ReserveResult =
  | { ok: true }
  /** A rate window (index into the `rate` entries) is full; nothing was counted or held. */
  | { ok: false; reason: "rate"; index: number; retryAfterMs: number }
  | { ok: false; reason: "exceeded"; index: number }
  /** These counters do not exist (new period, or the store was emptied): seed, then retry. */
  | { ok: false; reason: "missing"; indexes: number[] };

export interface SettleLine {
  key: string;
  amounts: Amounts;
}

/** Settled usage plus what is currently reserved, per counter. */
export interface CounterState {
  used: Amounts;
  reserved: Amounts;
}

export interface RateEntry {
  /** Tenant id for tenant/agent rules, null for shared upstream accounts. */
  tenantId: string | null;
  key: string;
  limit: number;
  windowMs: number;
  /** Units this request adds (1 for request limits, 0 for a token-limit admission check). */
  cost: number;
}

export type RateResult = { ok: true } | { ok: false; retryAfterMs: number; index: number };

export interface HotStore {
  /**
   * Admits the call on the tenant's rate windows (`rate`, all of this tenant) and holds `lines`,
   * atomically: either every window is counted and every hold taken, or nothing happens.
   */
  reserve(tenantId: string, reservationId: string, lines: ReserveLine[], expiresAt: number, now: number, rate?: RateEntry[]): Promise<ReserveResult>;
  /**
   * Replaces the reservation (if still held) by the real amounts and adds `rateAdd` (this
   * tenant's token windows) in the same step; returns the counters after.
   */
  settle(tenantId: string, reservationId: string | null, lines: SettleLine[], rateAdd?: RateEntry[], now?: number): Promise<(CounterState | null)[]>;
  release(tenantId: string, reservationId: string): Promise<void>;
  /** Creates a counter with its settled usage (from PostgreSQL) unless it exists already. */
  seed(tenantId: string, key: string, used: Amounts, ttlMs: number): Promise<void>;
  read(tenantId: string, keys: string[]): Promise<(CounterState | null)[]>;
  /** Fixed-window limits: admits only if every entry fits, then adds each entry's cost. */
  rateLimit(entries: RateEntry[], now: number): Promise<RateResult>;
  rateAdd(entries: RateEntry[], now: number): Promise<void>;
  cacheGet(tenantId: string, key: string): Promise<string | null>;
  cacheSet(tenantId: string, key: string, value: string, ttlMs: number): Promise<void>;
  setCooldown(key: string, untilMs: number): Promise<void>;
  getCooldowns(now: number): Promise<Map<string, number>>;
  /** Deletes every key of this store's namespace (tests; "Redis was emptied"). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

export const zeroAmounts = (): Amounts => ({ money: 0, tokens: 0, messages: 0 });

export function windowStart(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) * windowMs;
}

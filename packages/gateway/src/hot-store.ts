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
  /**
   * A hard limit would be crossed. `held`: only because of other calls' holds still in flight —
   * the call fits the settled usage, so it may wait for them to settle and try again.
   */
  | { ok: false; reason: "exceeded"; index: number; held: boolean }
  /** These counters do not exist (new period, or the store was emptied): seed, then retry. */
  | { ok: false; reason: "missing"; indexes: number[] }
  /** The call id was already claimed by another call: it must not reach the upstream again. */
  | { ok: false; reason: "duplicate" }
  /**
   * The counter was rebuilt after the store was emptied: processes are still putting back the
   * holds of their calls in flight, and nothing new is admitted until they have had the time.
   */
  | { ok: false; reason: "restoring"; retryAfterMs: number };

export interface SettleLine {
  key: string;
  amounts: Amounts;
}

/** Settled usage plus what is currently reserved, per counter. */
export interface CounterState {
  used: Amounts;
  reserved: Amounts;
}

/** What a seed did: whether it created the counter, and the settles it took in that had found none. */
export interface SeedResult {
  created: boolean;
  merged: { ref: string; amounts: Amounts }[];
}

/** A call in flight as its process remembers it, to renew its lease or put its hold back. */
export interface HeldCall {
  id: string;
  lines: SettleLine[];
  claim: string | null;
}

/** Marks one life of the store's data: a new epoch means the store was emptied (or replaced). */
export interface Epoch {
  id: string;
  since: number;
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
  reserve(
    tenantId: string,
    reservationId: string,
    lines: ReserveLine[],
    expiresAt: number,
    now: number,
    rate?: RateEntry[],
    /** The caller's call id: claimed in the same step, refused ("duplicate") when already claimed. */
    claim?: string | null,
  ): Promise<ReserveResult>;
  /**
   * Extends the lease of calls still running to `leaseUntil`; a call whose hold is gone (the store
   * was emptied) is held again on the counters that exist. Returns the counter keys that are
   * missing: seed them, then renew again.
   */
  renew(tenantId: string, calls: HeldCall[], leaseUntil: number): Promise<{ reasserted: number; missing: string[] }>;
  /** The current epoch, started now when there is none (a new or emptied store). */
  epoch(now: number): Promise<Epoch>;
  /**
   * Replaces the reservation (if still held) by the real amounts and adds `rateAdd` (this
   * tenant's token windows) in the same step; returns the counters after.
   */
  settle(
    tenantId: string,
    reservationId: string | null,
    lines: SettleLine[],
    rateAdd?: RateEntry[],
    now?: number,
    /** The usage row's id: a settle that finds no counter is kept under it for the next seed. */
    ref?: string | null,
  ): Promise<(CounterState | null)[]>;
  /** Drops the hold, and the claim of the call id when this reservation made it. */
  release(tenantId: string, reservationId: string, claim?: string | null): Promise<void>;
  /**
   * Creates a counter with its settled usage (from PostgreSQL) unless it exists already; until
   * `restoreUntil` it admits nothing new (holds of calls in flight are being put back).
   */
  seed(tenantId: string, key: string, used: Amounts, ttlMs: number, restoreUntil?: number): Promise<SeedResult>;
  read(tenantId: string, keys: string[]): Promise<(CounterState | null)[]>;
  /**
   * Sets a counter's settled usage to `actual` (PostgreSQL's figures) if it still reads `seen` and
   * holds nothing in flight; returns whether it did.
   */
  reconcile(tenantId: string, key: string, seen: Amounts, actual: Amounts): Promise<boolean>;
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

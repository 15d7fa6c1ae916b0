import { randomUUID } from "node:crypto";
import {
  windowStart,
  type Epoch,
  zeroAmounts,
  type Amounts,
  type CounterState,
  type HotStore,
  type RateEntry,
  type RateResult,
  type ReserveLine,
  type ReserveResult,
  type SettleLine,
} from "./hot-store";

interface Counter extends CounterState {
  gen: number;
  expiresAt: number;
  restoreUntil: number;
}

interface Held {
  expiresAt: number;
  lines: { key: string; gen: number; amounts: Amounts }[];
}

const add = (a: Amounts, b: Amounts, sign = 1): void => {
  a.money += sign * b.money;
  a.tokens += sign * b.tokens;
  a.messages += sign * b.messages;
};

function exceeds(c: Counter, line: ReserveLine, withHolds: boolean): boolean {
  const dims = ["money", "tokens", "messages"] as const;
  return dims.some((d) => {
    const limit = line.limits[d];
    return limit !== null && c.used[d] + (withHolds ? c.reserved[d] : 0) + line.amounts[d] > limit;
  });
}

/**
 * The in-process HotStore for a single control-plane process (npm start without Redis). Every
 * method runs synchronously inside one event-loop turn, which is what makes it atomic.
 */
export function createMemoryHotStore(opts: { now?: () => number } = {}): HotStore {
  const clock = opts.now ?? Date.now;
  const counters = new Map<string, Counter>();
  const held = new Map<string, Held>();
  const windows = new Map<string, { count: number; resetAt: number }>();
  const cache = new Map<string, { value: string; expiresAt: number }>();
  const cooldowns = new Map<string, number>();
  const claims = new Map<string, string>();
  /** Settles that found no counter, by usage row id, for the seed that creates it. */
  const pending = new Map<string, Map<string, Amounts>>();
  let seq = 0;
  /** Settled or released reservations (two minutes), as the Redis store's tombstones. */
  const settled = new Map<string, number>();
  const tomb = (tenantId: string, id: string) => {
    if (settled.size > 100_000) for (const [k, until] of settled) if (until <= clock()) settled.delete(k);
    settled.set(ck(tenantId, id), clock() + 120_000);
  };
  const wasSettled = (tenantId: string, id: string) => (settled.get(ck(tenantId, id)) ?? 0) > clock();
  let gen = 0;
  let epoch: Epoch | null = null;
  const ck = (tenantId: string, key: string) => `${tenantId}\u0000${key}`;

  const live = (k: string): Counter | undefined => {
    const c = counters.get(k);
    if (c && c.expiresAt <= clock()) counters.delete(k);
    return c && c.expiresAt > clock() ? c : undefined;
  };
  const undo = (tenantId: string, id: string) => {
    const h = held.get(ck(tenantId, id));
    if (!h) return;
    held.delete(ck(tenantId, id));
    for (const l of h.lines) {
      const c = live(ck(tenantId, l.key));
      if (c && c.gen === l.gen) add(c.reserved, l.amounts, -1);
    }
  };
  const reap = (tenantId: string, now: number) => {
    for (const [k, h] of held) if (h.expiresAt <= now && k.startsWith(`${tenantId}\u0000`)) undo(tenantId, k.slice(tenantId.length + 1));
  };
  const slotOf = (e: RateEntry, now: number) => {
    const start = windowStart(now, e.windowMs);
    const k = `${e.tenantId ?? ""}\u0000${e.key}:${start}`;
    const w = windows.get(k);
    return { k, resetAt: start + e.windowMs, count: w && w.resetAt > now ? w.count : 0 };
  };
  const rateCheck = (entries: RateEntry[], now: number): RateResult => {
    const slots = entries.map((e) => slotOf(e, now));
    const over = entries.findIndex((e, i) => slots[i]!.count + e.cost > e.limit || (e.cost === 0 && slots[i]!.count >= e.limit));
    return over >= 0 ? { ok: false, retryAfterMs: slots[over]!.resetAt - now, index: over } : { ok: true };
  };
  const rateCount = (entries: RateEntry[], now: number) => {
    for (const e of entries) {
      if (e.cost <= 0) continue;
      const s = slotOf(e, now);
      windows.set(s.k, { count: s.count + e.cost, resetAt: s.resetAt });
    }
    if (windows.size > 100_000) for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
  };
  const copy = (c: Counter | undefined): CounterState | null =>
    c ? { used: { ...c.used }, reserved: { ...c.reserved } } : null;

  return {
    async reserve(tenantId, id, lines, expiresAt, now, rate = [], claim = null): Promise<ReserveResult> {
      if (claim && claims.has(ck(tenantId, claim))) return { ok: false, reason: "duplicate" };
      const r = rateCheck(rate, now);
      if (!r.ok) return { ok: false, reason: "rate", index: r.index, retryAfterMs: r.retryAfterMs };
      reap(tenantId, now);
      const cs = lines.map((l) => live(ck(tenantId, l.key)));
      const missing = cs.flatMap((c, i) => (c ? [] : [i]));
      if (missing.length > 0) return { ok: false, reason: "missing", indexes: missing };
      const wait = Math.max(0, ...cs.map((c) => c!.restoreUntil - now));
      if (wait > 0) return { ok: false, reason: "restoring", retryAfterMs: wait };
      const outright = lines.findIndex((l, i) => l.hard && exceeds(cs[i]!, l, false));
      if (outright >= 0) return { ok: false, reason: "exceeded", index: outright, held: false };
      const over = lines.findIndex((l, i) => l.hard && exceeds(cs[i]!, l, true));
      if (over >= 0) return { ok: false, reason: "exceeded", index: over, held: true };
      rateCount(rate, now);
      if (claim) {
        // Claims are kept a day (as in Redis); the oldest go first when there are very many.
        if (claims.size > 200_000) for (const k of [...claims.keys()].slice(0, 100_000)) claims.delete(k);
        claims.set(ck(tenantId, claim), id);
      }
      lines.forEach((l, i) => add(cs[i]!.reserved, l.amounts));
      held.set(ck(tenantId, id), {
        expiresAt,
        lines: lines.map((l, i) => ({ key: l.key, gen: cs[i]!.gen, amounts: { ...l.amounts } })),
      });
      return { ok: true };
    },
    async settle(tenantId, id, lines: SettleLine[], rateAdd = [], now = clock(), ref = null) {
      const again = id ? wasSettled(tenantId, id) : false;
      if (id && !again) {
        undo(tenantId, id);
        tomb(tenantId, id);
      }
      if (!again) rateCount(rateAdd, now);
      return lines.map((l) => {
        const c = live(ck(tenantId, l.key));
        if (c && !again) add(c.used, l.amounts);
        // No counter: kept aside for the seed that is about to create it (as the Redis store does).
        if (!c && !again) {
          const p = pending.get(ck(tenantId, l.key)) ?? new Map<string, Amounts>();
          p.set(ref ?? `rid:${id ?? ++seq}`, { ...l.amounts });
          pending.set(ck(tenantId, l.key), p);
        }
        return copy(c);
      });
    },
    async release(tenantId, id, claim = null) {
      if (!wasSettled(tenantId, id)) {
        undo(tenantId, id);
        tomb(tenantId, id);
      }
      if (claim && claims.get(ck(tenantId, claim)) === id) claims.delete(ck(tenantId, claim));
    },
    async renew(tenantId, calls, leaseUntil) {
      let reasserted = 0;
      const missing = new Set<string>();
      for (const c of calls) {
        if (wasSettled(tenantId, c.id)) continue;
        const h = held.get(ck(tenantId, c.id));
        if (h) {
          h.expiresAt = leaseUntil;
          continue;
        }
        const cs = c.lines.map((l) => live(ck(tenantId, l.key)));
        if (cs.some((x) => !x)) {
          c.lines.forEach((l, i) => (cs[i] ? null : missing.add(l.key)));
          continue;
        }
        c.lines.forEach((l, i) => add(cs[i]!.reserved, l.amounts));
        held.set(ck(tenantId, c.id), { expiresAt: leaseUntil, lines: c.lines.map((l, i) => ({ key: l.key, gen: cs[i]!.gen, amounts: { ...l.amounts } })) });
        if (c.claim && !claims.has(ck(tenantId, c.claim))) claims.set(ck(tenantId, c.claim), c.id);
        reasserted++;
      }
      return { reasserted, missing: [...missing] };
    },
    async epoch(now) {
      epoch ??= { id: randomUUID(), since: now };
      return epoch;
    },
    async seed(tenantId, key, used, ttlMs, restoreUntil = 0) {
      if (live(ck(tenantId, key))) return { created: false, merged: [] };
      const start = { ...used };
      const merged = [...(pending.get(ck(tenantId, key)) ?? new Map<string, Amounts>())].map(([ref, amounts]) => ({ ref, amounts }));
      for (const m of merged) add(start, m.amounts);
      pending.delete(ck(tenantId, key));
      counters.set(ck(tenantId, key), { used: start, reserved: zeroAmounts(), gen: ++gen, expiresAt: clock() + ttlMs, restoreUntil });
      return { created: true, merged };
    },
    async reconcile(tenantId, key, seen, actual) {
      const c = live(ck(tenantId, key));
      const same = (a: Amounts, b: Amounts) => a.money === b.money && a.tokens === b.tokens && a.messages === b.messages;
      if (!c || !same(c.used, seen) || !same(c.reserved, zeroAmounts())) return false;
      c.used = { ...actual };
      return true;
    },
    async read(tenantId, keys) {
      return keys.map((k) => copy(live(ck(tenantId, k))));
    },
    async rateLimit(entries: RateEntry[], now): Promise<RateResult> {
      const r = rateCheck(entries, now);
      if (r.ok) rateCount(entries, now);
      return r;
    },
    async rateAdd(entries, now) {
      rateCount(entries, now);
    },
    async cacheGet(tenantId, key) {
      const hit = cache.get(ck(tenantId, key));
      if (!hit || hit.expiresAt <= clock()) return null;
      return hit.value;
    },
    async cacheSet(tenantId, key, value, ttlMs) {
      if (cache.size > 10_000) cache.clear();
      cache.set(ck(tenantId, key), { value, expiresAt: clock() + ttlMs });
    },
    async setCooldown(key, untilMs) {
      cooldowns.set(key, untilMs);
    },
    async getCooldowns(now) {
      for (const [k, until] of cooldowns) if (until <= now) cooldowns.delete(k);
      return new Map(cooldowns);
    },
    async clear() {
      counters.clear();
      held.clear();
      claims.clear();
      settled.clear();
      pending.clear();
      epoch = null;
      windows.clear();
      cache.clear();
      cooldowns.clear();
    },
    async close() {},
  };
}

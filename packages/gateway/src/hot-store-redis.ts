import { createHash, randomUUID } from "node:crypto";
import { createClient } from "redis";
import { AppError, isAppError } from "@baas/db";
import { CLEAR, RATE, RECONCILE, RELEASE, RENEW, RESERVE, SEED, SETTLE } from "./hot-store-lua";
import { windowStart, type Amounts, type CounterState, type HotStore, type RateEntry } from "./hot-store";

export interface RedisHotStoreOptions {
  url: string;
  /** Namespace of every key, so tests and several deployments can share one Redis. */
  prefix?: string;
  /**
   * A command Redis has not answered by then fails (default 1,200 ms): a silent Redis must give a
   * fast, clear error, never a hang. After two failures in a row, commands fail at once for
   * `downForMs` (one slow answer on a loaded machine does not fail every call for a second).
   */
  commandTimeoutMs?: number;
  downForMs?: number;
}

/**
 * node-redis has no working per-command deadline against a server that holds the connection open
 * and says nothing (seen on 6.3: `commandOptions.timeout` never fired), so the deadline is ours.
 */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  p.catch(() => undefined); // answered late, or failed: nobody is waiting any more
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Budget counters and holds must never be evicted one by one (a lost counter is rebuilt without
 * the holds in flight on it); only a whole flush or restart is detected and repaired. Managed
 * Redis may refuse CONFIG: then nothing is said.
 */
async function warnIfEvicting(client: ReturnType<typeof createClient>): Promise<void> {
  const cfg = (await client.configGet("maxmemory-policy").catch(() => null)) as Record<string, string> | null;
  const policy = cfg?.["maxmemory-policy"];
  if (policy && policy !== "noeviction") {
    console.warn(JSON.stringify({ level: "warn", msg: "Redis maxmemory-policy should be noeviction for BaaS budget counters", policy }));
  }
}

/** What a caller sees when the budget store cannot answer: a refusal, never an unchecked call. */
export function budgetStoreUnavailable(cause: unknown): AppError {
  return new AppError("UNAVAILABLE", "The budget store (Redis) is not answering", {
    cause,
    retryAfterSec: 2,
    details: { message: "BaaS cannot check this chat's budget right now; please try again in a moment." },
  });
}

type Client = ReturnType<typeof createClient>;

const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

/** Runs a script by SHA, loading it once when Redis does not know it (fresh or flushed server). */
async function run(client: Client, script: string, keys: string[], args: string[]): Promise<unknown> {
  try {
    return await client.evalSha(sha1(script), { keys, arguments: args });
  } catch (e) {
    if (!String((e as Error).message).includes("NOSCRIPT")) throw e;
    return client.eval(script, { keys, arguments: args });
  }
}

const toState = (v: number[], i: number): CounterState | null =>
  v[i * 6]! < 0
    ? null
    : {
        used: { money: v[i * 6]!, tokens: v[i * 6 + 1]!, messages: v[i * 6 + 2]! },
        reserved: { money: v[i * 6 + 3]!, tokens: v[i * 6 + 4]!, messages: v[i * 6 + 5]! },
      };

const amountArgs = (a: Amounts) => [String(Math.round(a.money)), String(Math.round(a.tokens)), String(Math.round(a.messages))];

/**
 * Redis HotStore (node-redis v6). Keys: `<prefix>{t:<tenantId>}:…` for tenant state — the hash tag
 * keeps a tenant's counters and reservations in one Cluster slot so a single script may touch them
 * all — and `<prefix>{g}:…` for shared upstream-account state.
 */
export async function createRedisHotStore(opts: RedisHotStoreOptions): Promise<HotStore> {
  const prefix = opts.prefix ?? "baas:";
  const timeout = opts.commandTimeoutMs ?? 1_200;
  const client: Client = createClient({
    url: opts.url,
    // No offline queue: while disconnected a command fails at once instead of waiting for Redis.
    disableOfflineQueue: true,
    socket: { connectTimeout: timeout, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1_000) },
  });
  client.on("error", () => {
    // Reconnection is automatic; failed commands reject and surface as UNAVAILABLE.
  });
  await client.connect();
  await warnIfEvicting(client);
  let downUntil = 0;
  let failuresInARow = 0;
  /** Every command goes through here: a failure is a clear UNAVAILABLE, and the next ones fail fast. */
  async function guard<T>(fn: () => Promise<T>): Promise<T> {
    if (Date.now() < downUntil) throw budgetStoreUnavailable(new Error("Redis failed moments ago"));
    try {
      const result = await withTimeout(fn(), timeout);
      failuresInARow = 0;
      return result;
    } catch (e) {
      if (isAppError(e)) throw e;
      if (++failuresInARow >= 2) downUntil = Date.now() + (opts.downForMs ?? 1_000);
      throw budgetStoreUnavailable(e);
    }
  }
  const t = (tenantId: string) => `${prefix}{t:${tenantId}}:`;
  const g = `${prefix}{g}:`;
  let gen = Date.now();

  const store: HotStore = {
    reserve: (tenantId, id, lines, expiresAt, now, rate = [], claim = null) =>
      guard(async () => {
        const keys = [`${t(tenantId)}resz`, `${t(tenantId)}resh`, claimKey(tenantId, claim), ...lines.map((l) => t(tenantId) + l.key), ...rate.map((e) => rateKey(e, now))];
        const args = [String(now), id, String(expiresAt), String(lines.length), claim ? "1" : "0"];
        for (const l of lines) {
          const lim = [l.limits.money, l.limits.tokens, l.limits.messages].map((v) => String(v ?? -1));
          args.push(...lim, l.hard ? "1" : "0", ...amountArgs(l.amounts));
        }
        for (const e of rate) args.push(String(e.limit), String(e.cost), String(e.windowMs));
        const r = (await run(client, RESERVE, keys, args)) as (string | number)[];
        if (r[0] === "ok") return { ok: true } as const;
        if (r[0] === "duplicate") return { ok: false, reason: "duplicate" } as const;
        if (r[0] === "restoring") return { ok: false, reason: "restoring", retryAfterMs: Number(r[1]) } as const;
        if (r[0] === "rate") {
          const index = Number(r[1]);
          const pttl = Number(r[2]);
          return { ok: false, reason: "rate", index, retryAfterMs: pttl > 0 ? pttl : rate[index]!.windowMs } as const;
        }
        if (r[0] === "exceeded") return { ok: false, reason: "exceeded", index: Number(r[1]), held: Number(r[2]) === 1 } as const;
        return { ok: false, reason: "missing", indexes: r.slice(1).map(Number) } as const;
      }),
    settle: (tenantId, id, lines, rateAdd = [], now = Date.now(), ref = null) =>
      guard(async () => {
        const keys = [`${t(tenantId)}resz`, `${t(tenantId)}resh`, ...lines.map((l) => t(tenantId) + l.key), ...rateAdd.map((e) => rateKey(e, now))];
        const args = [id ?? "", String(lines.length), ...lines.flatMap((l) => amountArgs(l.amounts)), ...rateAdd.flatMap((e) => [String(Math.round(e.cost)), String(e.windowMs)]), ref ?? ""];
        const v = ((await run(client, SETTLE, keys, args)) as number[]).map(Number);
        return lines.map((_, i) => toState(v, i));
      }),
    release: (tenantId, id, claim = null) =>
      guard(async () => {
        await run(client, RELEASE, [`${t(tenantId)}resz`, `${t(tenantId)}resh`, claimKey(tenantId, claim)], [id]);
      }),
    renew: (tenantId, calls, leaseUntil) =>
      guard(async () => {
        if (calls.length === 0) return { reasserted: 0, missing: [] };
        const keys = [`${t(tenantId)}resz`, `${t(tenantId)}resh`];
        const args = [String(leaseUntil), String(calls.length)];
        for (const c of calls) {
          keys.push(claimKey(tenantId, c.claim), ...c.lines.map((l) => t(tenantId) + l.key));
          args.push(c.id, c.claim ? "1" : "0", String(c.lines.length), ...c.lines.flatMap((l) => amountArgs(l.amounts)));
        }
        const r = (await run(client, RENEW, keys, args)) as (string | number)[];
        const missing = [...new Set(r.slice(1).map((k) => String(k).slice(t(tenantId).length)))];
        return { reasserted: Number(r[0]), missing };
      }),
    epoch: (now) =>
      guard(async () => {
        await client.set(`${g}epoch`, `${randomUUID()}:${now}`, { NX: true });
        const v = (await client.get(`${g}epoch`)) ?? `lost:${now}`;
        const at = v.lastIndexOf(":");
        return { id: v.slice(0, at), since: Number(v.slice(at + 1)) };
      }),
    reconcile: (tenantId, key, seen, actual) =>
      guard(async () => Number(await run(client, RECONCILE, [t(tenantId) + key], [...amountArgs(seen), ...amountArgs(actual)])) === 1),
    seed: (tenantId, key, used, ttlMs, restoreUntil = 0) =>
      guard(async () => {
        const r = (await run(client, SEED, [t(tenantId) + key, `${t(tenantId)}${key}:pend`], [...amountArgs(used), String(++gen), String(Math.max(1000, Math.round(ttlMs))), String(Math.round(restoreUntil))])) as string[] | number;
        if (!Array.isArray(r)) return { created: false, merged: [] };
        const merged = [];
        for (let i = 0; i + 1 < r.length; i += 2) {
          const [money, tokens, messages] = String(r[i + 1]).split(",").map(Number);
          merged.push({ ref: String(r[i]), amounts: { money: money!, tokens: tokens!, messages: messages! } });
        }
        return { created: true, merged };
      }),
    async read(tenantId, keys) {
      const rows = await Promise.all(keys.map((k) => client.hmGet(t(tenantId) + k, ["um", "ut", "un", "rm", "rt", "rn", "g"])));
      return rows.map((r) => (r[6] == null ? null : toState(r.slice(0, 6).map(Number), 0)));
    },
    async rateLimit(entries: RateEntry[], now) {
      if (entries.length === 0) return { ok: true };
      // Shared-account windows live in another slot than tenant windows: one script per slot.
      const groups = new Map<string, number[]>();
      entries.forEach((e, i) => groups.set(e.tenantId ?? "", [...(groups.get(e.tenantId ?? "") ?? []), i]));
      for (const idx of groups.values()) {
        const keys = idx.map((i) => rateKey(entries[i]!, now));
        const args = idx.flatMap((i) => [String(entries[i]!.limit), String(entries[i]!.cost), String(entries[i]!.windowMs)]);
        const r = ((await run(client, RATE, keys, args)) as number[]).map(Number);
        if (r[0]! >= 0) {
          const index = idx[r[0]!]!;
          return { ok: false, retryAfterMs: r[1]! > 0 ? r[1]! : entries[index]!.windowMs, index };
        }
      }
      return { ok: true };
    },
    async rateAdd(entries, now) {
      const m = client.multi();
      for (const e of entries) {
        const k = rateKey(e, now);
        m.incrBy(k, e.cost).pExpire(k, e.windowMs);
      }
      if (entries.length) await m.exec();
    },
    async cacheGet(tenantId, key) {
      return client.get(`${t(tenantId)}c:${key}`);
    },
    async cacheSet(tenantId, key, value, ttlMs) {
      await client.set(`${t(tenantId)}c:${key}`, value, { PX: Math.max(1, Math.round(ttlMs)) });
    },
    async setCooldown(key, untilMs) {
      await client.zAdd(`${g}cooldowns`, { score: untilMs, value: key });
    },
    async getCooldowns(now) {
      await client.zRemRangeByScore(`${g}cooldowns`, "-inf", now);
      const rows = await client.zRangeWithScores(`${g}cooldowns`, 0, -1);
      return new Map(rows.map((r) => [String(r.value), r.score]));
    },
    async clear() {
      await run(client, CLEAR, [], [`${prefix}*`]);
    },
    async close() {
      await client.quit().catch(() => undefined);
    },
  };
  // The plain commands fail the same clear, fast way as the scripts above.
  for (const m of ["read", "rateLimit", "rateAdd", "cacheGet", "cacheSet", "setCooldown", "getCooldowns"] as const) {
    const fn = store[m] as (...a: unknown[]) => Promise<unknown>;
    (store as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => guard(() => fn(...a));
  }
  return store;

  /** One key per tenant and call id; a placeholder key (never written) when there is no claim. */
  function claimKey(tenantId: string, claim: string | null): string {
    return `${t(tenantId)}call:${claim ? sha1(claim) : "-"}`;
  }

  function rateKey(e: RateEntry, now: number): string {
    const base = e.tenantId ? t(e.tenantId) : g;
    return `${base}rl:${e.key}:${windowStart(now, e.windowMs)}`;
  }
}

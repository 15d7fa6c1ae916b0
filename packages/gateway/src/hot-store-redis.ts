import { createHash } from "node:crypto";
import { createClient } from "redis";
import { RATE, RESERVE, SEED, SETTLE } from "./hot-store-lua";
import { windowStart, type Amounts, type CounterState, type HotStore, type RateEntry } from "./hot-store";

export interface RedisHotStoreOptions {
  url: string;
  /** Namespace of every key, so tests and several deployments can share one Redis. */
  prefix?: string;
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
  const client: Client = createClient({ url: opts.url });
  client.on("error", () => {
    // Reconnection is automatic; failed commands reject and surface as call errors.
  });
  await client.connect();
  const t = (tenantId: string) => `${prefix}{t:${tenantId}}:`;
  const g = `${prefix}{g}:`;
  let gen = Date.now();

  return {
    async reserve(tenantId, id, lines, expiresAt, now, rate = []) {
      const keys = [`${t(tenantId)}resz`, `${t(tenantId)}resh`, ...lines.map((l) => t(tenantId) + l.key), ...rate.map((e) => rateKey(e, now))];
      const args = [String(now), id, String(expiresAt), String(lines.length)];
      for (const l of lines) {
        const lim = [l.limits.money, l.limits.tokens, l.limits.messages].map((v) => String(v ?? -1));
        args.push(...lim, l.hard ? "1" : "0", ...amountArgs(l.amounts));
      }
      for (const e of rate) args.push(String(e.limit), String(e.cost), String(e.windowMs));
      const r = (await run(client, RESERVE, keys, args)) as (string | number)[];
      if (r[0] === "ok") return { ok: true };
      if (r[0] === "rate") {
        const index = Number(r[1]);
        const pttl = Number(r[2]);
        return { ok: false, reason: "rate", index, retryAfterMs: pttl > 0 ? pttl : rate[index]!.windowMs };
      }
      if (r[0] === "exceeded") return { ok: false, reason: "exceeded", index: Number(r[1]) };
      return { ok: false, reason: "missing", indexes: r.slice(1).map(Number) };
    },
    async settle(tenantId, id, lines, rateAdd = [], now = Date.now()) {
      const keys = [`${t(tenantId)}resz`, `${t(tenantId)}resh`, ...lines.map((l) => t(tenantId) + l.key), ...rateAdd.map((e) => rateKey(e, now))];
      const args = [id ?? "", String(lines.length), ...lines.flatMap((l) => amountArgs(l.amounts)), ...rateAdd.flatMap((e) => [String(Math.round(e.cost)), String(e.windowMs)])];
      const v = ((await run(client, SETTLE, keys, args)) as number[]).map(Number);
      return lines.map((_, i) => toState(v, i));
    },
    async release(tenantId, id) {
      await run(client, SETTLE, [`${t(tenantId)}resz`, `${t(tenantId)}resh`], [id]);
    },
    async seed(tenantId, key, used, ttlMs) {
      await run(client, SEED, [t(tenantId) + key], [...amountArgs(used), String(++gen), String(Math.max(1000, Math.round(ttlMs)))]);
    },
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
      for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        const keys = (Array.isArray(batch) ? batch : [batch]).map(String);
        if (keys.length) await client.unlink(keys);
      }
    },
    async close() {
      await client.quit().catch(() => undefined);
    },
  };

  function rateKey(e: RateEntry, now: number): string {
    const base = e.tenantId ? t(e.tenantId) : g;
    return `${base}rl:${e.key}:${windowStart(now, e.windowMs)}`;
  }
}

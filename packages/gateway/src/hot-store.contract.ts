/**
 * One behavioural contract for every HotStore implementation; the memory and Redis stores both
 * run it (hot-store-memory.test.ts, hot-store-redis.integration.test.ts).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { HotStore, ReserveLine } from "./hot-store";

const line = (key: string, money: number, limit: number | null, hard = true): ReserveLine => ({
  key,
  hard,
  limits: { money: limit, tokens: null, messages: null },
  amounts: { money, tokens: 10, messages: 1 },
});

export function hotStoreContract(name: string, make: () => Promise<HotStore>): void {
  describe(`HotStore contract: ${name}`, () => {
    const tenant = () => `t_${randomUUID()}`;
    const now = Date.now();

    it("asks for a seed when a counter does not exist, then reserves", async () => {
      const s = await make();
      const tid = tenant();
      const r1 = await s.reserve(tid, "r1", [line("b:a:p", 10, 100)], now + 60_000, now);
      expect(r1).toEqual({ ok: false, reason: "missing", indexes: [0] });
      await s.seed(tid, "b:a:p", { money: 5, tokens: 0, messages: 0 }, 60_000);
      expect(await s.reserve(tid, "r1", [line("b:a:p", 10, 100)], now + 60_000, now)).toEqual({ ok: true });
      const [c] = await s.read(tid, ["b:a:p"]);
      expect(c).toEqual({ used: { money: 5, tokens: 0, messages: 0 }, reserved: { money: 10, tokens: 10, messages: 1 } });
      await s.close();
    });

    it("refuses a hold that would cross any hard limit and holds nothing anywhere", async () => {
      const s = await make();
      const tid = tenant();
      for (const k of ["b:1:p", "b:2:p"]) await s.seed(tid, k, { money: 0, tokens: 0, messages: 0 }, 60_000);
      expect(await s.reserve(tid, "a", [line("b:1:p", 60, 100), line("b:2:p", 60, 1000)], now + 60_000, now)).toEqual({ ok: true });
      const r = await s.reserve(tid, "b", [line("b:2:p", 60, 1000), line("b:1:p", 60, 100)], now + 60_000, now);
      expect(r).toEqual({ ok: false, reason: "exceeded", index: 1, held: true });
      const [, b2] = await s.read(tid, ["b:1:p", "b:2:p"]);
      expect(b2?.reserved.money).toBe(60);
      // Soft (warn-only) lines count but never refuse.
      expect(await s.reserve(tid, "c", [line("b:1:p", 60, 100, false)], now + 60_000, now)).toEqual({ ok: true });
      await s.close();
    });

    it("settles a hold to the real amount and frees the difference", async () => {
      const s = await make();
      const tid = tenant();
      await s.seed(tid, "b:x:p", { money: 0, tokens: 0, messages: 0 }, 60_000);
      await s.reserve(tid, "r", [line("b:x:p", 80, 100)], now + 60_000, now);
      const [after] = await s.settle(tid, "r", [{ key: "b:x:p", amounts: { money: 30, tokens: 7, messages: 1 } }]);
      expect(after).toEqual({ used: { money: 30, tokens: 7, messages: 1 }, reserved: { money: 0, tokens: 0, messages: 0 } });
      expect(await s.reserve(tid, "r2", [line("b:x:p", 70, 100)], now + 60_000, now)).toEqual({ ok: true });
      await s.release(tid, "r2");
      const [c] = await s.read(tid, ["b:x:p"]);
      expect(c?.reserved.money).toBe(0);
      await s.close();
    });

    it("lets the hold of a dead caller lapse at its expiry", async () => {
      const s = await make();
      const tid = tenant();
      await s.seed(tid, "b:e:p", { money: 0, tokens: 0, messages: 0 }, 600_000);
      await s.reserve(tid, "dead", [line("b:e:p", 90, 100)], now + 1_000, now);
      expect((await s.reserve(tid, "live", [line("b:e:p", 90, 100)], now + 60_000, now + 500)).ok).toBe(false);
      expect(await s.reserve(tid, "live", [line("b:e:p", 90, 100)], now + 60_000, now + 2_000)).toEqual({ ok: true });
      await s.close();
    });

    it("never subtracts a hold taken before the counter was emptied and rebuilt", async () => {
      const s = await make();
      const tid = tenant();
      await s.seed(tid, "b:g:p", { money: 0, tokens: 0, messages: 0 }, 60_000);
      await s.reserve(tid, "old", [line("b:g:p", 50, 100)], now + 60_000, now);
      await s.clear();
      await s.seed(tid, "b:g:p", { money: 20, tokens: 0, messages: 0 }, 60_000);
      const [c] = await s.settle(tid, "old", [{ key: "b:g:p", amounts: { money: 10, tokens: 0, messages: 0 } }]);
      expect(c).toEqual({ used: { money: 30, tokens: 0, messages: 0 }, reserved: { money: 0, tokens: 0, messages: 0 } });
      await s.close();
    });

    it("keeps tenants apart", async () => {
      const s = await make();
      const [a, b] = [tenant(), tenant()];
      await s.seed(a, "b:same:p", { money: 99, tokens: 0, messages: 0 }, 60_000);
      expect(await s.read(b, ["b:same:p"])).toEqual([null]);
      await s.cacheSet(a, "k", "v", 60_000);
      expect(await s.cacheGet(b, "k")).toBeNull();
      expect(await s.cacheGet(a, "k")).toBe("v");
      await s.close();
    });

    it("admits requests up to a window's limit, then says when to retry", async () => {
      const s = await make();
      const tid = tenant();
      const e = { tenantId: tid, key: "tenant:req", limit: 2, windowMs: 60_000, cost: 1 };
      expect((await s.rateLimit([e], now)).ok).toBe(true);
      expect((await s.rateLimit([e], now)).ok).toBe(true);
      const r = await s.rateLimit([e], now);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.retryAfterMs).toBeGreaterThan(0);
      await s.close();
    });

    it("admits on the rate windows and holds the budget in one step; a refused call counts nowhere", async () => {
      const s = await make();
      const tid = tenant();
      await s.seed(tid, "b:r:p", { money: 0, tokens: 0, messages: 0 }, 60_000);
      const req = { tenantId: tid, key: "rule:req", limit: 2, windowMs: 60_000, cost: 1 };
      expect(await s.reserve(tid, "r1", [line("b:r:p", 40, 100)], now + 60_000, now, [req])).toEqual({ ok: true });
      // Over budget: refused, and its request is not counted in the window.
      expect(await s.reserve(tid, "r2", [line("b:r:p", 80, 100)], now + 60_000, now, [req])).toEqual({ ok: false, reason: "exceeded", index: 0, held: true });
      expect(await s.reserve(tid, "r3", [line("b:r:p", 40, 100)], now + 60_000, now, [req])).toEqual({ ok: true });
      // Window full: refused with a retry time, and nothing is held for it.
      const r4 = await s.reserve(tid, "r4", [line("b:r:p", 1, 100)], now + 60_000, now, [req]);
      expect(r4).toMatchObject({ ok: false, reason: "rate", index: 0 });
      if (!r4.ok && r4.reason === "rate") expect(r4.retryAfterMs).toBeGreaterThan(0);
      expect((await s.read(tid, ["b:r:p"]))[0]?.reserved.money).toBe(80);
      await s.close();
    });

    it("counts real tokens into the token windows when settling, so the next call is refused", async () => {
      const s = await make();
      const tid = tenant();
      await s.seed(tid, "b:t:p", { money: 0, tokens: 0, messages: 0 }, 60_000);
      const tok = { tenantId: tid, key: "rule:tok", limit: 100, windowMs: 60_000, cost: 0 };
      expect(await s.reserve(tid, "a", [line("b:t:p", 1, 1000)], now + 60_000, now, [tok])).toEqual({ ok: true });
      await s.settle(tid, "a", [{ key: "b:t:p", amounts: { money: 1, tokens: 150, messages: 1 } }], [{ ...tok, cost: 150 }], now);
      expect(await s.reserve(tid, "b", [line("b:t:p", 1, 1000)], now + 60_000, now, [tok])).toMatchObject({ ok: false, reason: "rate" });
      // Rate limits alone (no budget applies) still go through the same step.
      expect(await s.reserve(tid, "c", [], now + 60_000, now, [tok])).toMatchObject({ ok: false, reason: "rate" });
      await s.close();
    });

    it("never admits more than the rate window or the budget allows under 64 concurrent callers", async () => {
      const s = await make();
      const tid = tenant();
      await s.seed(tid, "b:c:p", { money: 0, tokens: 0, messages: 0 }, 60_000);
      const req = { tenantId: tid, key: "rule:c", limit: 10, windowMs: 60_000, cost: 1 };
      // Budget fits 6 holds of 10, the window 10 requests: exactly 6 pass.
      const rs = await Promise.all(Array.from({ length: 64 }, (_, i) => s.reserve(tid, `c${i}`, [line("b:c:p", 10, 60)], now + 60_000, now, [req])));
      expect(rs.filter((r) => r.ok)).toHaveLength(6);
      // Only the admitted ones were counted: 4 more requests fit the window, the 5th does not.
      const more = await Promise.all(Array.from({ length: 5 }, (_, i) => s.reserve(tid, `m${i}`, [], now + 60_000, now, [req])));
      expect(more.filter((r) => r.ok)).toHaveLength(4);
      await s.close();
    });

    it("tells a call that fits the settled usage but not the holds in flight that it may wait", async () => {
      const s = await make();
      const tid = tenant();
      await s.seed(tid, "b:w:p", { money: 50, tokens: 0, messages: 0 }, 60_000);
      expect(await s.reserve(tid, "a", [line("b:w:p", 40, 100)], now + 60_000, now)).toEqual({ ok: true });
      expect(await s.reserve(tid, "b", [line("b:w:p", 40, 100)], now + 60_000, now)).toEqual({ ok: false, reason: "exceeded", index: 0, held: true });
      expect(await s.reserve(tid, "c", [line("b:w:p", 51, 100)], now + 60_000, now)).toEqual({ ok: false, reason: "exceeded", index: 0, held: false });
      await s.settle(tid, "a", [{ key: "b:w:p", amounts: { money: 5, tokens: 0, messages: 1 } }]);
      expect(await s.reserve(tid, "b", [line("b:w:p", 40, 100)], now + 60_000, now)).toEqual({ ok: true });
      await s.close();
    });

    it("claims a call id with the hold: a second call with it is refused until the first is released", async () => {
      const s = await make();
      const tid = tenant();
      await s.seed(tid, "b:d:p", { money: 0, tokens: 0, messages: 0 }, 60_000);
      expect(await s.reserve(tid, "r1", [line("b:d:p", 1, 100)], now + 60_000, now, [], "call-1")).toEqual({ ok: true });
      expect(await s.reserve(tid, "r2", [line("b:d:p", 1, 100)], now + 60_000, now, [], "call-1")).toEqual({ ok: false, reason: "duplicate" });
      // Claims are per tenant, and a release by another reservation does not drop it.
      expect(await s.reserve(tenant(), "r3", [], now + 60_000, now, [], "call-1")).toEqual({ ok: true });
      await s.release(tid, "r2", "call-1");
      expect(await s.reserve(tid, "r4", [], now + 60_000, now, [], "call-1")).toEqual({ ok: false, reason: "duplicate" });
      await s.release(tid, "r1", "call-1");
      expect(await s.reserve(tid, "r5", [], now + 60_000, now, [], "call-1")).toEqual({ ok: true });
      await s.close();
    });

    it("renews the lease of a running call, and puts back its hold after the store was emptied", async () => {
      const s = await make();
      const tid = tenant();
      await s.seed(tid, "b:l:p", { money: 0, tokens: 0, messages: 0 }, 600_000);
      const held = { id: "run", lines: [{ key: "b:l:p", amounts: { money: 90, tokens: 10, messages: 1 } }], claim: "call-run" };
      await s.reserve(tid, "run", [line("b:l:p", 90, 100)], now + 1_000, now, [], "call-run");
      expect(await s.renew(tid, [held], now + 5_000)).toEqual({ reasserted: 0, missing: [] });
      // Past the first lease but within the renewed one: still held.
      expect((await s.reserve(tid, "x", [line("b:l:p", 90, 100)], now + 60_000, now + 2_000)).ok).toBe(false);
      const before = await s.epoch(now);
      await s.clear();
      expect((await s.epoch(now + 10)).id).not.toBe(before.id);
      expect(await s.renew(tid, [held], now + 5_000)).toEqual({ reasserted: 0, missing: ["b:l:p"] });
      await s.seed(tid, "b:l:p", { money: 0, tokens: 0, messages: 0 }, 600_000, now + 3_000);
      // Restoring: nothing new is admitted until the holds are back.
      expect(await s.reserve(tid, "y", [line("b:l:p", 1, 100)], now + 60_000, now + 100)).toEqual({ ok: false, reason: "restoring", retryAfterMs: 2_900 });
      expect(await s.renew(tid, [held], now + 5_000)).toEqual({ reasserted: 1, missing: [] });
      expect(await s.reserve(tid, "z", [line("b:l:p", 90, 100)], now + 60_000, now + 3_000)).toEqual({ ok: false, reason: "exceeded", index: 0, held: true });
      expect(await s.reserve(tid, "w", [], now + 60_000, now + 3_000, [], "call-run")).toEqual({ ok: false, reason: "duplicate" });
      await s.close();
    });

    it("reconciles a counter to PostgreSQL's figures only when it is idle and unchanged since it was read", async () => {
      const s = await make();
      const tid = tenant();
      await s.seed(tid, "b:q:p", { money: 10, tokens: 1, messages: 1 }, 60_000);
      const actual = { money: 70, tokens: 7, messages: 3 };
      // Read 10, but another settle moved it to 15 meanwhile: no repair (it would lose that settle).
      await s.settle(tid, null, [{ key: "b:q:p", amounts: { money: 5, tokens: 0, messages: 0 } }]);
      expect(await s.reconcile(tid, "b:q:p", { money: 10, tokens: 1, messages: 1 }, actual)).toBe(false);
      // A hold in flight: no repair either.
      await s.reserve(tid, "h", [line("b:q:p", 1, 1000)], now + 60_000, now);
      expect(await s.reconcile(tid, "b:q:p", { money: 15, tokens: 1, messages: 1 }, actual)).toBe(false);
      await s.release(tid, "h");
      expect(await s.reconcile(tid, "b:q:p", { money: 15, tokens: 1, messages: 1 }, actual)).toBe(true);
      expect((await s.read(tid, ["b:q:p"]))[0]).toEqual({ used: actual, reserved: { money: 0, tokens: 0, messages: 0 } });
      expect(await s.reconcile(tid, "b:missing:p", actual, actual)).toBe(false);
      await s.close();
    });

    it("a settle counts once, however often it is sent, and a renewal racing it does not put the hold back", async () => {
      const s = await make();
      const tid = tenant();
      await s.seed(tid, "b:o:p", { money: 0, tokens: 0, messages: 0 }, 60_000);
      const call = { id: "once", lines: [{ key: "b:o:p", amounts: { money: 50, tokens: 10, messages: 1 } }], claim: null };
      await s.reserve(tid, "once", [line("b:o:p", 50, 100)], now + 60_000, now);
      const real = [{ key: "b:o:p", amounts: { money: 20, tokens: 5, messages: 1 } }];
      await s.settle(tid, "once", real);
      // The first settle timed out on our side but ran; the retry must not count it again.
      const [after] = await s.settle(tid, "once", real);
      expect(after).toEqual({ used: { money: 20, tokens: 5, messages: 1 }, reserved: { money: 0, tokens: 0, messages: 0 } });
      expect(await s.renew(tid, [call], now + 60_000)).toEqual({ reasserted: 0, missing: [] });
      expect((await s.read(tid, ["b:o:p"]))[0]?.reserved.money).toBe(0);
      await s.close();
    });

    it("a settle that finds no counter is kept for the seed that creates it, so a rebuild that read too early loses nothing", async () => {
      const s = await make();
      const tid = tenant();
      // The rebuild read PostgreSQL before this call's row was committed (used 100, without it)…
      const [none] = await s.settle(tid, "late", [{ key: "b:z:p", amounts: { money: 7, tokens: 3, messages: 1 } }], [], now, "call-late");
      expect(none).toBeNull();
      // …and seeds after the call settled: the call still counts, and the seed says which it took in.
      expect(await s.seed(tid, "b:z:p", { money: 100, tokens: 10, messages: 4 }, 60_000)).toEqual({ created: true, merged: [{ ref: "call-late", amounts: { money: 7, tokens: 3, messages: 1 } }] });
      expect((await s.read(tid, ["b:z:p"]))[0]?.used).toEqual({ money: 107, tokens: 13, messages: 5 });
      // Taken once: a second seed (the counter exists) adds nothing.
      expect(await s.seed(tid, "b:z:p", { money: 0, tokens: 0, messages: 0 }, 60_000)).toEqual({ created: false, merged: [] });
      expect((await s.read(tid, ["b:z:p"]))[0]?.used.money).toBe(107);
      await s.close();
    });

    it("shares cooldowns until they pass", async () => {
      const s = await make();
      const key = `acct-${randomUUID()}:m`;
      await s.setCooldown(key, now + 5_000);
      expect((await s.getCooldowns(now)).get(key)).toBe(now + 5_000);
      expect((await s.getCooldowns(now + 6_000)).has(key)).toBe(false);
      await s.close();
    });
  });
}

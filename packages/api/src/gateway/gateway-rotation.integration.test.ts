import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ask, errorOf, eventReader, startHarness, type Harness } from "./gateway.harness";

let h: Harness;
const ctx = (session = `agent:lobo:whatsapp:group:${randomUUID()}@g.us`) => ({ agentId: "lobo", sessionKey: session, callId: `call-${randomUUID()}` });

beforeAll(async () => {
  h = await startHarness({ upstreamTimeoutMs: 1_000 });
});
afterAll(() => h.close());
beforeEach(() => h.fake.reset());

const call = (c = ctx()) => h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("rotate"), context: c });

describe("upstream rotation Max #1 → Max #2 → paid key", () => {
  it("serves every call while one account is healthy, invisibly to the agent", async () => {
    const { max1, max2, paid } = h.fx.accounts;
    h.fake.setFault(max1.credential, { status: 529 });
    h.fake.setFault(max2.credential, { status: 429, retryAfterSec: 30 });
    const first = await call();
    expect(first.usage.account).toBe(paid.name);
    expect(first.usage.fallbackPath).toEqual([max1.name, max2.name, paid.name]);
    // The paid key costs cash; the fallback path is stored on the event.
    const ev = await h.db.usageEvent.findUniqueOrThrow({ where: { id: first.usage.usageEventId } });
    expect(ev.fallbackPath).toEqual([max1.name, max2.name, paid.name]);
    expect(Number(ev.costCashUsdMicros)).toBeGreaterThan(0);
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => call()));
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(0);
    // Cooling accounts are skipped: Max #2's 429 was not retried on every later call.
    expect(h.fake.countFor(max2.credential)).toBeLessThan(12);
  });

  it("retries a timeout before the first byte on the next account", async () => {
    h.fake.setFault(h.fx.accounts.max1.credential, { status: 500, hang: true });
    // Max #1 may still be cooling from the previous test; either way Max #2 or later serves.
    const out = await h.client.gateway.stream.mutate({ provider: "anthropic", request: ask("hang"), context: ctx() });
    const chunks = [];
    for await (const c of out) chunks.push(c);
    expect(chunks.at(-1)?.type).toBe("usage");
  });

  it("passes an error on after the first byte instead of retrying", async () => {
    const { max1, max2, paid } = h.fx.accounts;
    for (const a of [max1, max2, paid]) h.fake.setFault(a.credential, { status: 500, afterFirstByte: true });
    const c = ctx();
    const iter = await h.client.gateway.stream.mutate({ provider: "anthropic", request: ask("break"), context: c });
    const seen: string[] = [];
    const e = await errorOf(
      (async () => {
        const read = eventReader();
        for await (const ch of iter) seen.push(...read(ch).map((ev) => String(ev.type)));
      })(),
    );
    expect(seen[0]).toBe("message_start");
    expect(seen).toContain("error");
    expect(e.message).toMatch(/interrupted|failed|stream/i);
    const ev = await h.db.usageEvent.findFirstOrThrow({ where: { idempotencyKey: c.callId } });
    expect(ev.status).toBe("ERROR");
    expect(ev.fallbackPath).toHaveLength(1);
  });
});

describe("cooldowns", () => {
  it("honour the provider's reset header and come back when it passes", async () => {
    // A fresh harness: no cooldown left over from other tests.
    const hh = await startHarness();
    try {
      const { max1, max2 } = hh.fx.accounts;
      const resetAt = new Date(Date.now() + 1_500);
      // retry-after says an hour, the reset header says 1.5 s: the cooldown must not outlive the reset.
      hh.fake.queueFaults(max1.credential, { status: 429, retryAfterSec: 3600, resetAt }, 1);
      const a = await hh.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx() });
      expect(a.usage.fallbackPath).toEqual([max1.name, max2.name]);
      const b = await hh.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx() });
      expect(b.usage.account).toBe(max2.name);
      expect(hh.fake.countFor(max1.credential)).toBe(1);
      await new Promise((r) => setTimeout(r, Math.max(0, resetAt.getTime() - Date.now() + 300)));
      const c = await hh.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx() });
      expect(c.usage.account).toBe(max1.name);
    } finally {
      await hh.close();
    }
  });

  it("rotate away from a Max account whose 5-hour window is nearly spent", async () => {
    const hh = await startHarness();
    try {
      const { max1, max2 } = hh.fx.accounts;
      hh.fake.setWindows(max1.credential, { fiveHour: 0.97 });
      const a = await hh.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx() });
      expect(a.usage.account).toBe(max1.name);
      const b = await hh.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx() });
      expect(b.usage.account).toBe(max2.name);
      const row = await hh.db.upstreamAccount.findUniqueOrThrow({ where: { id: max1.id } });
      expect(row.window5hUtilization).toBeCloseTo(0.97);
    } finally {
      await hh.close();
    }
  });

  it("disable an account whose credential is rejected and raise an operator alert", async () => {
    const hh = await startHarness();
    try {
      const { max1, max2 } = hh.fx.accounts;
      hh.fake.setFault(max1.credential, { status: 401 });
      const a = await hh.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx() });
      expect(a.usage.account).toBe(max2.name);
      const row = await hh.db.upstreamAccount.findUniqueOrThrow({ where: { id: max1.id } });
      expect(row.status).toBe("DISABLED");
      const alerts = await hh.db.alert.findMany({ where: { kind: "ACCOUNT_DISABLED", message: { contains: max1.name } } });
      expect(alerts).toHaveLength(1);
      await hh.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx() });
      expect(hh.fake.countFor(max1.credential)).toBe(1);
    } finally {
      await hh.close();
    }
  });

  it("keep a session on the account that served it", async () => {
    const hh = await startHarness();
    try {
      const { max1, max2 } = hh.fx.accounts;
      const session = `agent:lobo:whatsapp:dm:+55${Date.now()}`;
      hh.fake.queueFaults(max1.credential, { status: 529 }, 1);
      const a = await hh.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx(session) });
      expect(a.usage.account).toBe(max2.name);
      hh.fake.reset();
      const b = await hh.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx(session) });
      expect(b.usage.account).toBe(max2.name);
    } finally {
      await hh.close();
    }
  });
});

describe("subscription accounts are an operator's explicit choice", () => {
  it("skips a Max account whose terms nobody accepted, and uses it again once accepted, from the next call", async () => {
    // A process that keeps its account list for a minute: only invalidateAccounts() makes an edit apply at once.
    const p = await h.spawn({ engine: { configTtlMs: 60_000 } });
    const { max1, max2 } = h.fx.accounts;
    const via = async () => (await p.client.gateway.complete.mutate({ provider: "anthropic", request: ask("whose?"), context: ctx() })).usage.account;
    const terms = (at: Date | null) => h.db.upstreamAccount.update({ where: { id: max1.id }, data: { subscriptionTermsAcceptedAt: at, subscriptionTermsAcceptedBy: at ? "test" : null } });
    try {
      expect(await via()).toBe(max1.name);
      await terms(null);
      p.engine.invalidateAccounts();
      expect(await via()).toBe(max2.name);
      expect(await via()).toBe(max2.name);
      await terms(new Date());
      p.engine.invalidateAccounts();
      expect(await via()).toBe(max1.name);
    } finally {
      await terms(new Date());
    }
  });
});

describe("an account the gateway cannot read", () => {
  it("is left out of the rotation instead of failing every call", async () => {
    // Stored under another key (or damaged), first in priority order, with the fixture's name prefix.
    const bad = await h.db.upstreamAccount.create({
      data: { name: `${h.fx.accountPrefix}Unreadable`, provider: "ANTHROPIC", kind: "API_KEY", priority: 0, credentialCiphertext: "v1:not:a:ciphertext", credentialHint: "…BAD0" },
    });
    try {
      h.engine.invalidateAccounts();
      const out = await call();
      expect(out.usage.account).not.toBe(bad.name);
      expect(h.fake.requests.length).toBe(1);
    } finally {
      await h.db.upstreamAccount.delete({ where: { id: bad.id } });
    }
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodOf } from "@baas/gateway";
import { createAlertNotifier, type AlertMail } from "../alert/alert-notifier";
import { testDb } from "../lib-app/app-test-fixtures";
import { createTRPCContext } from "../context";
import { createCaller } from "../root";
import { ask, errorOf, startHarness, type Harness } from "./gateway.harness";

const ctx = (agentId = "lobo") => ({ agentId, sessionKey: `agent:${agentId}:whatsapp:group:${randomUUID()}@g.us`, callId: `call-${randomUUID()}` });

async function spentUsd(h: Harness, where: Record<string, unknown> = {}): Promise<number> {
  const agg = await h.db.usageEvent.aggregate({ where: { tenantId: h.fx.tenant.id, ...where }, _sum: { costListUsdMicros: true } });
  return Number(agg._sum.costListUsdMicros ?? 0);
}

describe("a tight budget under 64 concurrent callers", () => {
  let h: Harness;
  const limit = 150_000; // USD micros: about a hundred calls
  let budgetId = "";

  beforeAll(async () => {
    h = await startHarness();
    // Every answer uses its whole max_tokens, so the worst case held is close to the real cost.
    h.fake.setReply(() => ({ usage: { output_tokens: 100 } }));
    const b = await h.db.budget.create({
      data: { tenantId: h.fx.tenant.id, scope: "TENANT", name: "Daily cap", period: "DAILY", currency: "USD", limitMoneyMicros: BigInt(limit), action: "BLOCK" },
    });
    budgetId = b.id;
  });
  afterAll(() => h.close());

  it("is never overspent, and at least 95 % of it is usable before blocking", async () => {
    const unexpected: unknown[] = [];
    let blocked = 0;
    let blockMessage = "";
    const caller = async () => {
      for (;;) {
        try {
          await h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("budget test", { max_tokens: 100 }), context: ctx() });
        } catch (e) {
          const err = e as { data?: { code?: string; appCode?: string; details?: { message?: string } } };
          if (err.data?.code === "PAYMENT_REQUIRED" && err.data.appCode === "BUDGET_EXCEEDED") {
            blocked++;
            blockMessage = err.data.details?.message ?? "";
          } else unexpected.push(e);
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: 64 }, caller));
    expect(unexpected).toEqual([]);
    expect(blocked).toBe(64);
    expect(blockMessage).toMatch(/budget is used up/);
    const spent = await spentUsd(h);
    expect(spent).toBeLessThanOrEqual(limit);
    expect(spent).toBeGreaterThanOrEqual(limit * 0.95);
  });

  it("raised each threshold alert exactly once for the period", async () => {
    const alerts = await h.db.alert.findMany({ where: { budgetId }, orderBy: { thresholdPct: "asc" } });
    expect(alerts.map((a) => a.thresholdPct)).toEqual([50, 80, 95]);
    // 100 % is reached only if the last call fits exactly; ≥ 95 % must have been announced.
  });

  it("preflight then tells the chat the budget is used up, and nothing more is charged", async () => {
    const before = await spentUsd(h);
    const pf = await h.client.gateway.preflight.mutate({ context: ctx(), model: "claude-sonnet-4-5" });
    expect(pf.allow).toBe(false);
    expect(pf.reason).toBe("budget");
    expect(pf.message).toMatch(/budget is used up/);
    const e = await errorOf(h.client.gateway.stream.mutate({ provider: "anthropic", request: ask("more", { max_tokens: 100 }), context: ctx() }));
    expect(e.data.code).toBe("PAYMENT_REQUIRED");
    expect(await spentUsd(h)).toBe(before);
  });
});

describe("downgrade, rate limits and response cache", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.fake.setReply(() => ({ usage: { output_tokens: 100 } }));
  });
  afterAll(() => h.close());

  it("downgrades Sonnet to Haiku when the agent's budget cannot take a Sonnet call", async () => {
    const agent = await h.db.agent.create({ data: { tenantId: h.fx.tenant.id, externalId: "aguia", name: "Águia" } });
    await h.db.budget.create({
      data: { tenantId: h.fx.tenant.id, scope: "AGENT", agentId: agent.id, name: "Águia", period: "MONTHLY", currency: "USD", limitMoneyMicros: 1_000n, action: "DOWNGRADE" },
    });
    const out = await h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("hi", { max_tokens: 100 }), context: ctx("aguia") });
    expect(out.usage.model).toBe("claude-haiku-4-5");
    expect((h.fake.requests.at(-1)!.body as { model: string }).model).toBe("claude-haiku-4-5");
    const ev = await h.db.usageEvent.findUniqueOrThrow({ where: { id: out.usage.usageEventId } });
    expect(ev.requestedModel).toBe("claude-sonnet-4-5");
  });

  it("answers TOO_MANY_REQUESTS with a retry-after once an agent's request limit is reached", async () => {
    await h.db.rateLimitRule.create({ data: { tenantId: h.fx.tenant.id, scope: "AGENT", targetId: "coruja", window: "MINUTE", maxRequests: 2 } });
    for (let i = 0; i < 2; i++) await h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx("coruja") });
    const e = await errorOf(h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx("coruja") }));
    expect(e.data.code).toBe("TOO_MANY_REQUESTS");
    expect(e.data.retryAfterSec).toBeGreaterThan(0);
    const pf = await h.client.gateway.preflight.mutate({ context: ctx("coruja"), model: "claude-sonnet-4-5" });
    expect(pf).toMatchObject({ allow: false, reason: "rate_limit" });
  });

  it("serves an identical request from the tenant's response cache once it is switched on", async () => {
    await h.db.tenant.update({ where: { id: h.fx.tenant.id }, data: { responseCacheEnabled: true } });
    const req = ask(`cache me ${randomUUID()}`);
    const a = await h.client.gateway.complete.mutate({ provider: "anthropic", request: req, context: ctx("lobo") });
    const upstreamCalls = h.fake.requests.length;
    const b = await h.client.gateway.complete.mutate({ provider: "anthropic", request: req, context: ctx("lobo") });
    expect(a.usage.cacheHit).toBe(false);
    expect(b.usage.cacheHit).toBe(true);
    expect(b.response).toEqual(a.response);
    expect(h.fake.requests.length).toBe(upstreamCalls);
    const ev = await h.db.usageEvent.findUniqueOrThrow({ where: { id: b.usage.usageEventId } });
    expect(ev.cacheHit).toBe(true);
  });
});

describe("Redis emptied mid-run", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("rebuilds the budget counters from PostgreSQL usage events", async () => {
    const agent = await h.db.agent.create({ data: { tenantId: h.fx.tenant.id, externalId: "tatu", name: "Tatu" } });
    const b = await h.db.budget.create({
      data: { tenantId: h.fx.tenant.id, scope: "AGENT", agentId: agent.id, name: "Tatu", period: "WEEKLY", currency: "BRL", limitMoneyMicros: 10n ** 12n, limitMessages: 1000, action: "BLOCK" },
    });
    const run = () => Promise.all(Array.from({ length: 6 }, () => h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx("tatu") })));
    await run();
    await h.hot.clear();
    await run();
    const key = `b:${b.id}:${periodOf("WEEKLY", new Date(), "America/Sao_Paulo").key}`;
    const [state] = await h.hot.read(h.fx.tenant.id, [key]);
    const agg = await h.db.usageEvent.aggregate({ where: { agentId: agent.id }, _sum: { costTenantMicros: true }, _count: true });
    expect(agg._count).toBe(12);
    expect(state?.used.messages).toBe(12);
    expect(state?.used.money).toBe(Number(agg._sum.costTenantMicros));
    expect(state?.reserved).toEqual({ money: 0, tokens: 0, messages: 0 });
  });
});

describe("budget edits from the dashboard", () => {
  let h: Harness;
  beforeAll(async () => {
    // Settings cached for a minute: only the edit's own invalidation can make it apply at once.
    h = await startHarness({ engine: { configTtlMs: 60_000 } });
  });
  afterAll(() => h.close());

  it("apply to the next model call: a new budget blocks it, a paused one no longer does", async () => {
    const owner = await h.db.user.create({ data: { email: `owner-${randomUUID()}@example.test` } });
    await h.db.membership.create({ data: { tenantId: h.fx.tenant.id, userId: owner.id, role: "OWNER" } });
    const admin = createCaller(createTRPCContext({ services: { db: h.db, gateway: h.engine }, headers: new Headers(), user: { id: owner.id, email: owner.email, name: null, platformRole: "NONE" } }));
    const agent = await h.db.agent.create({ data: { tenantId: h.fx.tenant.id, externalId: "onca", name: "Onça" } });
    await h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("before"), context: ctx("onca") });
    const { id } = await admin.budget.create({
      tenantId: h.fx.tenant.id, name: "Onça zero", scope: "AGENT", agentId: agent.id, channelId: null, period: "DAILY", currency: "USD",
      limitMoney: 0, limitTokens: null, limitMessages: null, thresholds: [100], action: "BLOCK", downgradeModel: null,
    });
    const e = await errorOf(h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("blocked"), context: ctx("onca") }));
    expect(e.data.code).toBe("PAYMENT_REQUIRED");
    expect((e.data.details as { message: string }).message).toMatch(/This assistant's daily budget is used up/);
    await admin.budget.setEnabled({ tenantId: h.fx.tenant.id, budgetId: id, enabled: false });
    await h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("paused"), context: ctx("onca") });
  });
});

describe("threshold e-mails", () => {
  const sent: AlertMail[] = [];
  let h: Harness;
  let second: Awaited<ReturnType<Harness["spawn"]>>;
  beforeAll(async () => {
    const db = testDb();
    const notifier = createAlertNotifier({ db, appUrl: "https://baas.example", send: async (m) => void sent.push(m) });
    h = await startHarness({ engine: { notifier } });
    second = await h.spawn({ engine: { notifier } });
  });
  afterAll(() => h.close());

  it("reach the owners and admins once per threshold and period, from two processes, with the numbers", async () => {
    const tenantId = h.fx.tenant.id;
    const people: Record<string, string> = {};
    for (const role of ["OWNER", "ADMIN", "VIEWER"] as const) {
      const u = await h.db.user.create({ data: { email: `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@example.test` } });
      await h.db.membership.create({ data: { tenantId, userId: u.id, role } });
      people[role] = u.email;
    }
    const agent = await h.db.agent.create({ data: { tenantId, externalId: "gralha", name: "Gralha" } });
    // Warn-only: calls go on past 100 %, so both thresholds are crossed.
    await h.db.budget.create({ data: { tenantId, scope: "AGENT", agentId: agent.id, name: "Gralha ten", period: "DAILY", currency: "USD", limitMessages: 10, thresholds: [80, 100], action: "WARN" } });
    const clients = [h.client, second.client];
    await Promise.all(Array.from({ length: 8 }, (_, i) => clients[i % 2]!.gateway.complete.mutate({ provider: "anthropic", request: ask("mail"), context: ctx("gralha") })));
    await h.engine.reconcile();
    await Promise.all(Array.from({ length: 6 }, (_, i) => clients[i % 2]!.gateway.complete.mutate({ provider: "anthropic", request: ask("mail"), context: ctx("gralha") })));
    // Delivery runs after the call is answered: wait until both alerts are marked notified.
    const delivered = () => h.db.alert.count({ where: { tenantId, budget: { name: "Gralha ten" }, notifiedAt: { not: null } } });
    for (let i = 0; i < 100 && (await delivered()) < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await delivered()).toBe(2);
    const mine = sent.filter((m) => m.subject.includes("Gralha ten"));
    expect(mine.map((m) => `${m.to} ${/reached/.test(m.subject) ? 100 : 80}`).sort()).toEqual([`${people.ADMIN} 100`, `${people.ADMIN} 80`, `${people.OWNER} 100`, `${people.OWNER} 80`].sort());
    const eighty = mine.find((m) => m.to === people.OWNER && !/reached/.test(m.subject))!;
    expect(eighty.text).toMatch(/Messages: (8|9|10) of 10\./);
    expect(eighty.text).toContain(`https://baas.example/t/${tenantId}/budgets`);
    expect(eighty.text).toContain("calls go on past 100 %");
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@baas/db";
import { localDay } from "@baas/gateway";
import { callerFor, codeOf, rid, seedModels, seedTenant, testDb } from "../lib-app/app-test-fixtures";
import { insertEvents } from "./analytics-fixtures";
import { percentiles } from "./performance";

let db: Db;
let models: Awaited<ReturnType<typeof seedModels>>;
beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, rid());
});

const DAY = 86_400_000;

/** "path: message" of the first input problem a call is refused with (what the API's error names). */
async function issueOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    const issues = (e as { cause?: { issues?: { path: PropertyKey[]; message: string }[] } }).cause?.issues ?? [];
    return issues.map((i) => `${i.path.join(".")}: ${i.message}`)[0] ?? String(e);
  }
}

async function world() {
  const f = await seedTenant(db, models);
  const tag = rid();
  const [max1, paid] = await Promise.all(["Max", "Paid"].map((n) => db.upstreamAccount.create({ data: { name: `${n} ${tag}`, provider: "ANTHROPIC", kind: n === "Max" ? "MAX_SUBSCRIPTION" : "API_KEY", credentialCiphertext: "x", credentialHint: "xxxx", status: "DISABLED" } })));
  const now = new Date();
  const yesterday = new Date(now.getTime() - DAY);
  const lobo = { agentId: f.lobo.id, channelId: f.group.id, sessionKey: `agent:lobo:whatsapp:group:${f.group.externalId}` };
  const aguia = { agentId: f.aguia.id, channelId: f.group2.id, sessionKey: `agent:aguia:whatsapp:group:${f.group2.externalId}` };
  await insertEvents(db, f.tenant.id, [
    { ...lobo, runId: "r1", model: models.sonnet, upstreamAccountId: max1!.id, fallbackPath: [max1!.name], inputTokens: 1000, outputTokens: 200, cacheReadTokens: 5000, costListUsdMicros: 7_500, costTenantMicros: 40_000, latencyMs: 800, ttftMs: 300, occurredAt: now },
    { ...lobo, runId: "r1", model: models.sonnet, upstreamAccountId: paid!.id, fallbackPath: [max1!.name, paid!.name], inputTokens: 2000, outputTokens: 100, costListUsdMicros: 7_500, costCashUsdMicros: 7_500, costTenantMicros: 40_000, latencyMs: 1200, occurredAt: now },
    { ...lobo, runId: "r2", model: models.sonnet, upstreamAccountId: paid!.id, status: "ERROR", errorCode: "529", latencyMs: 100, occurredAt: now },
    { ...lobo, runId: "r3", model: models.sonnet, cacheHit: true, inputTokens: 1000, outputTokens: 1000, latencyMs: 5, occurredAt: now },
    { ...aguia, runId: "r4", model: models.haiku, upstreamAccountId: max1!.id, fallbackPath: [max1!.name], inputTokens: 300, outputTokens: 30, costListUsdMicros: 1_000, costTenantMicros: 5_000, latencyMs: 400, ttftMs: 100, occurredAt: yesterday },
  ]);
  return { f, max1: max1!, paid: paid!, lobo, aguia, now };
}

describe("usage analytics", () => {
  it("sums cost by channel, agent, model and account, list vs cash, tokens and messages, as the events say", async () => {
    const { f, max1, paid } = await world();
    const viewer = callerFor(db, f.users.VIEWER);
    const s = await viewer.analytics.summary({ tenantId: f.tenant.id, range: "7d" });
    const ev = await db.usageEvent.aggregate({ where: { tenantId: f.tenant.id }, _sum: { costTenantMicros: true, costListUsdMicros: true, costCashUsdMicros: true, inputTokens: true, outputTokens: true, cacheReadTokens: true }, _count: true });
    expect(s.totals).toMatchObject({
      calls: ev._count, costTenantMicros: Number(ev._sum.costTenantMicros), costListUsdMicros: Number(ev._sum.costListUsdMicros), costCashUsdMicros: Number(ev._sum.costCashUsdMicros),
      tokens: { input: ev._sum.inputTokens, output: ev._sum.outputTokens, cacheRead: ev._sum.cacheReadTokens, cacheWrite: 0 },
    });
    expect(s.totals.messages).toBe((await db.usageEvent.groupBy({ by: ["runId"], where: { tenantId: f.tenant.id } })).length);
    expect(s.byChannel.map((r) => [r.label, r.calls, r.costTenantMicros])).toEqual([["Vendas VIP", 4, 80_000], ["Suporte", 1, 5_000]]);
    expect(s.byAgent.map((r) => r.label)).toEqual(["🐺 Lobo", "🦅 Águia"]);
    expect(s.byModel.map((r) => [r.key, r.calls])).toEqual([[models.sonnet, 4], [models.haiku, 1]]);
    expect(s.byAccount.map((r) => [r.label, r.calls, r.cashUsdMicros])).toEqual([[max1.name, 2, 0], [paid.name, 2, 7_500], ["Response cache / none", 1, 0]]);

    const today = await viewer.analytics.summary({ tenantId: f.tenant.id, range: "today" });
    expect(today.totals.calls).toBe(4);
    expect(today.from).toBe(localDay(new Date(), f.tenant.timezone));
  });

  it("draws daily cost stacked by channel, the budget per day and a projection", async () => {
    const { f } = await world();
    await db.budget.create({ data: { tenantId: f.tenant.id, scope: "TENANT", name: "Team", period: "MONTHLY", currency: "BRL", limitMoneyMicros: 3_000_000_000n } });
    const d = await callerFor(db, f.users.VIEWER).analytics.daily({ tenantId: f.tenant.id, range: "7d", stackBy: "channel" });
    const actual = d.points.filter((p) => p.projected === null);
    expect(actual.length).toBe(7);
    expect(actual.at(-1)!.values[f.group.id]).toBe(80_000);
    expect(actual.at(-2)!.values[f.group2.id]).toBe(5_000);
    expect(d.series.map((s) => s.label).sort()).toEqual(["Suporte", "Vendas VIP"]);
    expect(d.budget).toMatchObject({ name: "Team", limitMicros: 3_000_000_000 });
    expect(d.budget!.perDayMicros).toBeGreaterThanOrEqual(Math.floor(3_000_000_000 / 31));
    expect(d.paceMicros).toBe(Math.round(85_000 / 7));
    expect(d.points.filter((p) => p.projected !== null).every((p) => p.projected === d.paceMicros)).toBe(true);
  });

  it("reads latency percentiles, cache savings and fallbacks from the roll-ups", async () => {
    const { f, paid } = await world();
    const p = await callerFor(db, f.users.VIEWER).analytics.performance({ tenantId: f.tenant.id, range: "30d" });
    const sonnet = p.latency.find((l) => l.model === models.sonnet)!;
    expect(sonnet.latency.count).toBe(4);
    // Exact p50 of 5, 100, 800, 1200 ms is 100 (nearest rank): the histogram is within 5 % above.
    expect(sonnet.latency.p50).toBeGreaterThanOrEqual(100);
    expect(sonnet.latency.p50).toBeLessThanOrEqual(105);
    expect(sonnet.ttft.count).toBe(1);
    const cache = p.cache.find((c) => c.model === models.sonnet)!;
    // Test prices: input 3, output 15, cache read 0.3 USD per million tokens.
    expect(cache).toMatchObject({ calls: 4, cacheHits: 1, hitRate: 0.25, savedUsdMicros: Math.round(1000 * 3 + 1000 * 15 + 5000 * (3 - 0.3)) });
    const fb = p.fallbacks;
    expect(fb.accounts.map((a) => a.label)).toEqual([paid.name]);
    expect(fb.points.at(-1)).toMatchObject({ calls: 4, errors: 1, byAccount: { [paid.id]: 1 } });
  });

  it("drills from a channel to its sessions to single calls", async () => {
    const { f, lobo, paid } = await world();
    const viewer = callerFor(db, f.users.VIEWER);
    const s = await viewer.analytics.sessions({ tenantId: f.tenant.id, range: "7d", scope: "channel", id: f.group.id });
    expect(s.sessions).toEqual([expect.objectContaining({ sessionKey: lobo.sessionKey, calls: 4, errors: 1, messages: 3, costTenantMicros: 80_000 })]);
    const c = await viewer.analytics.calls({ tenantId: f.tenant.id, range: "7d", sessionKey: lobo.sessionKey });
    expect(c.calls.length).toBe(4);
    expect(c.calls.find((x) => x.fallbackPath.length === 2)).toMatchObject({ account: paid.name, latencyMs: 1200, costCashUsdMicros: 7_500 });
    expect(c.calls.find((x) => x.status === "ERROR")).toMatchObject({ errorCode: "529" });
  });

  it("keeps the roll-ups equal to the events when later statements add to the same day, session and turn", async () => {
    const { f, lobo, max1 } = await world();
    // r1 goes on in a later statement (the gateway writes each call when it settles): still one message.
    await insertEvents(db, f.tenant.id, [{ ...lobo, runId: "r1", model: models.sonnet, upstreamAccountId: max1.id, fallbackPath: [max1.name], inputTokens: 10, costTenantMicros: 1_000, latencyMs: 50, occurredAt: new Date() }]);
    const viewer = callerFor(db, f.users.VIEWER);
    const s = await viewer.analytics.summary({ tenantId: f.tenant.id, range: "7d" });
    expect(s.totals.calls).toBe(await db.usageEvent.count({ where: { tenantId: f.tenant.id } }));
    expect(s.totals.messages).toBe(4);
    const byRoute = await db.usageDailyRoute.aggregate({ where: { tenantId: f.tenant.id }, _sum: { calls: true, costTenantMicros: true } });
    const ev = await db.usageEvent.aggregate({ where: { tenantId: f.tenant.id }, _sum: { costTenantMicros: true }, _count: true });
    expect([byRoute._sum.calls, byRoute._sum.costTenantMicros]).toEqual([ev._count, ev._sum.costTenantMicros]);
    const sessions = await viewer.analytics.sessions({ tenantId: f.tenant.id, range: "7d", scope: "agent", id: f.lobo.id });
    expect(sessions.sessions[0]).toMatchObject({ calls: 5, messages: 3, costTenantMicros: 81_000 });
  });

  it("refuses bad ranges naming the field, and another tenant's agent reads as not found", async () => {
    const { f } = await world();
    const other = await world();
    const viewer = callerFor(db, f.users.VIEWER);
    const bad = (range: Record<string, string>) => issueOf(viewer.analytics.summary({ tenantId: f.tenant.id, range: "custom", ...range }));
    expect(await bad({ to: "2026-01-01" })).toBe("from: From is required for a custom range");
    expect(await bad({ from: "2026-02-01", to: "2026-01-01" })).toBe("to: To must be on or after From");
    expect(await bad({ from: "2024-01-01", to: "2026-01-01" })).toBe("to: A range is at most 366 days");
    expect(await bad({ from: "2026-02-30", to: "2026-03-01" })).toBe("from: From is not a real date");
    expect(await codeOf(viewer.analytics.sessions({ tenantId: f.tenant.id, range: "7d", scope: "agent", id: other.f.lobo.id }))).toBe("NOT_FOUND");
    expect((await viewer.analytics.calls({ tenantId: f.tenant.id, range: "7d", sessionKey: other.lobo.sessionKey })).calls).toEqual([]);
  });

  it("percentiles from a histogram stay within 5 % of the exact nearest-rank values", () => {
    const values = Array.from({ length: 1000 }, (_, i) => 10 + ((i * 7919) % 5000));
    const hist = new Map<number, number>();
    for (const v of values) {
      const b = v <= 1 ? 0 : Math.ceil(Math.log(v) / Math.log(1.05));
      hist.set(b, (hist.get(b) ?? 0) + 1);
    }
    const p = percentiles([...hist].map(([bucket, count]) => ({ bucket, count })));
    const sorted = [...values].sort((a, b) => a - b);
    for (const [q, got] of [[0.5, p.p50], [0.95, p.p95], [0.99, p.p99]] as const) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1]!;
      expect(got!).toBeGreaterThanOrEqual(exact * 0.999);
      expect(got!).toBeLessThanOrEqual(exact * 1.05 + 1);
    }
  });
});

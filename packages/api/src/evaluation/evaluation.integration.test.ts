import { randomUUID } from "node:crypto";
import { Resend } from "resend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@baas/db";
import { localDay } from "@baas/gateway";
import { startFakeResend, type FakeResend } from "@baas/testkit";
import { createAlertNotifier } from "../alert/alert-notifier";
import { insertEvents } from "../analytics/analytics-fixtures";
import { addDays } from "../analytics/range";
import { ask, startHarness, type Harness } from "../gateway/gateway.harness";
import { rid, seedModels, seedTenant, testDb } from "../lib-app/app-test-fixtures";
import { runScheduledEvaluation } from "./evaluate";

const ctx = (agentId: string) => ({ agentId, sessionKey: `agent:${agentId}:whatsapp:group:${randomUUID()}@g.us`, callId: `call-${randomUUID()}` });

describe("scheduled evaluation: budget thresholds", () => {
  let h: Harness;
  let resend: FakeResend;
  let notifier: ReturnType<typeof createAlertNotifier>;
  beforeAll(async () => {
    resend = await startFakeResend();
    // The real SDK against the fake Resend API, as production sends alert e-mails.
    const client = new Resend("re_test_evaluation", { baseUrl: resend.url });
    notifier = createAlertNotifier({
      db: testDb(), appUrl: "https://baas.example",
      send: async (m) => {
        const { error } = await client.emails.send({ from: "BaaS <alerts@baas.example>", to: m.to, subject: m.subject, text: m.text });
        if (error) throw new Error(error.message);
      },
    });
    h = await startHarness({ engine: { notifier } });
  });
  afterAll(async () => {
    await h?.close();
    await resend?.close();
  });

  it("mail one e-mail per threshold, not two, not zero, also when the cron runs between calls", async () => {
    const tenantId = h.fx.tenant.id;
    const people: string[] = [];
    for (const role of ["OWNER", "ADMIN"] as const) {
      const u = await h.db.user.create({ data: { email: `${role.toLowerCase()}-${rid()}@example.test` } });
      await h.db.membership.create({ data: { tenantId, userId: u.id, role } });
      people.push(u.email);
    }
    const agent = await h.db.agent.create({ data: { tenantId, externalId: "tico", name: "Tico" } });
    const budget = await h.db.budget.create({ data: { tenantId, scope: "AGENT", agentId: agent.id, name: `Tico ${rid()}`, period: "DAILY", currency: "USD", limitMessages: 10, thresholds: [80, 100], action: "WARN" } });
    const calls = (n: number) => Promise.all(Array.from({ length: n }, () => h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("cron"), context: ctx("tico") })));
    const cron = () => runScheduledEvaluation(h.db, notifier, { tenantIds: [tenantId] });
    const notified = () => h.db.alert.count({ where: { budgetId: budget.id, notifiedAt: { not: null } } });
    const mails = () => resend.emails.filter((m) => m.subject.includes(budget.name)).map((m) => `${m.to[0]} ${/reached/.test(m.subject) ? 100 : 80}`).sort();

    await calls(4);
    expect((await cron()).budgetAlerts).toBe(0);
    await calls(4); // 8 of 10: the call that crosses 80 % raises it
    for (let i = 0; i < 100 && (await notified()) < 1; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await cron()).toMatchObject({ budgetAlerts: 0, failures: [] });
    // The admin lowers the limit to what is already spent: no call comes, the cron raises 100 %.
    await h.db.budget.update({ where: { id: budget.id }, data: { limitMessages: 8 } });
    expect((await cron()).budgetAlerts).toBe(1);
    expect((await cron()).budgetAlerts).toBe(0);
    await calls(2); // the gateway finds 100 % already raised
    await h.engine.reconcile();
    expect(await h.db.alert.count({ where: { budgetId: budget.id } })).toBe(2);
    expect(await notified()).toBe(2);
    expect(mails()).toEqual(people.flatMap((p) => [`${p} 100`, `${p} 80`]).sort());
    // The gateway's group-commit writer fed the analytics roll-ups (the trigger) in the same statements.
    const events = await h.db.usageEvent.aggregate({ where: { tenantId, agentId: agent.id }, _count: true, _sum: { costListUsdMicros: true } });
    const sessions = await h.db.usageSessionDaily.aggregate({ where: { tenantId, agentKey: agent.id }, _sum: { calls: true, costListUsdMicros: true } });
    expect([sessions._sum.calls, sessions._sum.costListUsdMicros]).toEqual([events._count, events._sum.costListUsdMicros]);
    expect((await h.db.usageLatencyDaily.aggregate({ where: { tenantId }, _sum: { latencyCalls: true } }))._sum.latencyCalls).toBe(await h.db.usageEvent.count({ where: { tenantId, latencyMs: { not: null } } }));
    const hundred = resend.emails.find((m) => m.subject.includes(budget.name) && /reached/.test(m.subject))!;
    expect(hundred.text).toMatch(/Messages: 8 of 8\./);
    expect(hundred.apiKey).toBe("re_test_evaluation");
  });
});

describe("scheduled evaluation: anomalies", () => {
  let db: Db;
  let models: Awaited<ReturnType<typeof seedModels>>;
  const noMail = { notify: () => undefined };
  beforeAll(async () => {
    db = testDb();
    models = await seedModels(db, rid());
  });

  it("raises an error-rate alert over 5 % in the last hour, once per hour, and not at 4 %", async () => {
    const now = new Date();
    const sick = await seedTenant(db, models);
    const fine = await seedTenant(db, models);
    const burst = (errors: number) => Array.from({ length: 25 }, (_, i) => ({ model: models.sonnet, status: (i < errors ? "ERROR" : "OK") as "ERROR" | "OK", occurredAt: new Date(now.getTime() - i * 60_000) }));
    await insertEvents(db, sick.tenant.id, burst(2));
    await insertEvents(db, fine.tenant.id, burst(1));
    // Errors older than the hour do not count.
    await insertEvents(db, fine.tenant.id, Array.from({ length: 10 }, () => ({ model: models.sonnet, status: "ERROR" as const, occurredAt: new Date(now.getTime() - 2 * 3_600_000) })));
    const ids = [sick.tenant.id, fine.tenant.id];
    expect(await runScheduledEvaluation(db, noMail, { now, tenantIds: ids })).toMatchObject({ tenants: 2, errorRateAlerts: 1, failures: [] });
    expect(await runScheduledEvaluation(db, noMail, { now, tenantIds: ids })).toMatchObject({ errorRateAlerts: 0 });
    const [alert] = await db.alert.findMany({ where: { tenantId: { in: ids }, kind: "ERROR_RATE" } });
    expect(alert).toMatchObject({ tenantId: sick.tenant.id, message: expect.stringContaining("8 % of model calls failed in the last hour (2 of 25)") });
  });

  it("raises a cost alert when today costs over twice an agent's or group's 7-day average, once a day", async () => {
    const f = await seedTenant(db, models);
    const now = new Date();
    const today = localDay(now, f.tenant.timezone);
    const row = (day: string, agentKey: string, channelKey: string, brl: number) => ({ tenantId: f.tenant.id, day: new Date(`${day}T00:00:00Z`), agentKey, channelKey, model: models.sonnet, calls: 1, costTenantMicros: BigInt(brl * 1e6) });
    const rows = [];
    for (let d = 1; d <= 7; d++) rows.push(row(addDays(today, -d), f.lobo.id, f.group.id, 1), row(addDays(today, -d), f.aguia.id, f.group2.id, 1));
    rows.push(row(today, f.lobo.id, f.group.id, 2.5), row(today, f.aguia.id, f.group2.id, 1.5));
    await db.usageDaily.createMany({ data: rows });
    expect((await runScheduledEvaluation(db, noMail, { now, tenantIds: [f.tenant.id] })).costAlerts).toBe(2);
    expect((await runScheduledEvaluation(db, noMail, { now, tenantIds: [f.tenant.id] })).costAlerts).toBe(0);
    const messages = (await db.alert.findMany({ where: { tenantId: f.tenant.id, kind: "COST_ANOMALY" }, orderBy: { message: "asc" } })).map((a) => a.message);
    expect(messages).toEqual([
      "Agent Lobo has cost 2.50 BRL today, 250 % of its 7-day average (1.00 BRL a day).",
      "Group or DM Vendas VIP has cost 2.50 BRL today, 250 % of its 7-day average (1.00 BRL a day).",
    ]);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@baas/db";
import { localDay } from "@baas/gateway";
import { callerFor, rid, seedModels, seedTenant, testDb } from "../lib-app/app-test-fixtures";

let db: Db;
let models: Awaited<ReturnType<typeof seedModels>>;

beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, rid());
});

const M = 1_000_000;

async function seedUsage() {
  const f = await seedTenant(db, models);
  const tenantId = f.tenant.id;
  const tz = f.tenant.timezone;
  const today = new Date(localDay(new Date(), tz));
  const lastMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 15));
  const row = (agentKey: string, channelKey: string, model: string, tenantMoney: number, usd: number, day = today) =>
    ({ tenantId, day, agentKey, channelKey, model, calls: 2, inputTokens: 100n, outputTokens: 50n, costTenantMicros: BigInt(Math.round(tenantMoney * M)), costListUsdMicros: BigInt(Math.round(usd * M)) });
  await db.usageDaily.createMany({
    data: [
      row(f.lobo.id, f.group.id, models.opus, 40, 8),
      row(f.aguia.id, f.group2.id, models.sonnet, 15, 3),
      row("", "", models.haiku, 2, 0.4),
      // Six more models, so the model breakdown has to cut at five and sum the rest.
      ...[1, 2, 3, 4, 5, 6].map((n) => row(f.aguia.id, f.group2.id, `m-${n}-${rid()}`, n * 0.1, 0)),
      row(f.lobo.id, f.group.id, models.opus, 999, 999, lastMonth),
    ],
  });
  await db.budget.create({ data: { tenantId, scope: "TENANT", name: "Team monthly", currency: "BRL", limitMoneyMicros: BigInt(100 * M), thresholds: [50, 80, 100] } });
  await db.budget.create({ data: { tenantId, scope: "AGENT", agentId: f.lobo.id, name: "Lobo cap", currency: "USD", limitMoneyMicros: BigInt(10 * M) } });
  // Lobo was heard from just now; the instance (and so Águia on it) has been silent for an hour.
  await db.instance.update({ where: { id: f.instance.id }, data: { lastSeenAt: new Date(Date.now() - 3600_000) } });
  await db.agent.update({ where: { id: f.lobo.id }, data: { lastSeenAt: new Date() } });
  return f;
}

describe("tenant overview", () => {
  it("shows agents online, this month's cost by channel/agent/model in the tenant's currency, budgets and revisions", async () => {
    const f = await seedUsage();
    const admin = callerFor(db, f.users.ADMIN);
    await admin.channel.update({ tenantId: f.tenant.id, channelId: f.group.id, requireMention: false });
    const viewer = callerFor(db, f.users.VIEWER);
    const o = await viewer.overview.get({ tenantId: f.tenant.id });

    expect(o.currency).toBe("BRL");
    expect(o.agents).toEqual({ online: 1, offline: 1, disabled: 0 });
    expect(o.cost.totalMicros).toBe(Math.round((40 + 15 + 2 + 2.1) * M));
    expect(o.cost.calls).toBe(18);
    expect(o.cost.byChannel.top.map((c) => [c.label, c.costMicros])).toEqual([["Vendas VIP", 40 * M], ["Suporte", 17.1 * M], ["Not attributed", 2 * M]]);
    expect(o.cost.byAgent.top[0]).toMatchObject({ label: "🐺 Lobo", costMicros: 40 * M });
    expect(o.cost.byModel.top).toHaveLength(5);
    expect(o.cost.byModel.top.slice(0, 3).map((m) => m.key)).toEqual([models.opus, models.sonnet, models.haiku]);
    expect(o.cost.byModel.othersMicros).toBe(M);

    const [team, lobo] = [o.budgets.find((b) => b.name === "Team monthly"), o.budgets.find((b) => b.name === "Lobo cap")];
    expect(team).toMatchObject({ scopeLabel: "Whole team", usedPct: 59.1, thresholds: [50, 80, 100], reached: [50] });
    expect(lobo).toMatchObject({ scopeLabel: "🐺 Lobo", currency: "USD", usedPct: 80, reached: [50, 80] });

    expect(o.instances).toEqual([expect.objectContaining({ id: f.instance.id, online: false, applied: null, pending: expect.objectContaining({ version: 1 }) })]);
  });

  it("lists the tenant's own unacknowledged alerts, newest first, and never another tenant's", async () => {
    const [f, other] = [await seedTenant(db, models), await seedTenant(db, models)];
    const alert = (tenantId: string, kind: "HOLD_EXCEEDED" | "USAGE_DEAD_LETTER", message: string, ageMs: number, acknowledged = false) => ({
      tenantId, kind, message, severity: "WARNING" as const, dedupeKey: `t:${rid()}`, createdAt: new Date(Date.now() - ageMs), acknowledgedAt: acknowledged ? new Date() : null,
    });
    await db.alert.createMany({
      data: [
        alert(f.tenant.id, "HOLD_EXCEEDED", "older", 60_000),
        alert(f.tenant.id, "USAGE_DEAD_LETTER", "newer", 1_000),
        alert(f.tenant.id, "HOLD_EXCEEDED", "seen already", 500, true),
        alert(f.tenant.id, "HOLD_EXCEEDED", "last quarter", 90 * 86_400_000),
        alert(other.tenant.id, "HOLD_EXCEEDED", "not yours", 100),
      ],
    });
    const o = await callerFor(db, f.users.VIEWER).overview.get({ tenantId: f.tenant.id });
    expect(o.alerts.map((a) => [a.kind, a.message])).toEqual([["USAGE_DEAD_LETTER", "newer"], ["HOLD_EXCEEDED", "older"]]);
  });

  it("an empty tenant reads as zeros, not errors", async () => {
    const f = await seedTenant(db, models);
    const o = await callerFor(db, f.users.VIEWER).overview.get({ tenantId: f.tenant.id });
    expect(o.cost).toMatchObject({ totalMicros: 0, calls: 0, byModel: { top: [], othersMicros: 0 } });
    expect(o.budgets).toEqual([]);
    expect(o.instances[0]).toMatchObject({ applied: null, pending: null });
  });
});

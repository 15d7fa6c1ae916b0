import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { Db } from "@baas/db";
import { callerFor, codeOf, rid, seedModels, seedTenant, snapshotTenant, testDb } from "../lib-app/app-test-fixtures";

let db: Db;
let models: Awaited<ReturnType<typeof seedModels>>;
beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, rid());
});

const fields = (extra: Record<string, unknown> = {}) => ({
  name: "Lobo daily",
  scope: "AGENT" as const,
  agentId: null as string | null,
  channelId: null as string | null,
  period: "DAILY" as const,
  currency: "USD",
  limitMoney: 12.5,
  limitTokens: null,
  limitMessages: null,
  thresholds: [80, 90, 100],
  action: "BLOCK" as const,
  downgradeModel: null as string | null,
  ...extra,
});

async function messageOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (!(e instanceof TRPCError)) return String(e);
    // Schema refusals carry their issues (the HTTP error formatter words them the same way).
    const issues = (e.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues;
    return `${e.code} ${issues ? issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`).join("; ") : e.message}`;
  }
}

describe("budgets", () => {
  it("an admin creates, edits, pauses and deletes a budget; each step is audited and read back with its use", async () => {
    const f = await seedTenant(db, models);
    const admin = callerFor(db, f.users.ADMIN);
    const tenantId = f.tenant.id;
    const { id } = await admin.budget.create({ tenantId, ...fields({ agentId: f.lobo.id }) });
    const stored = await db.budget.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ scope: "AGENT", agentId: f.lobo.id, limitMoneyMicros: 12_500_000n, thresholds: [80, 90, 100], action: "BLOCK" });
    await admin.budget.update({ tenantId, budgetId: id, ...fields({ agentId: f.lobo.id, name: "Lobo cap", limitMoney: null, limitMessages: 300, action: "DOWNGRADE", downgradeModel: models.haiku }) });
    await admin.budget.setEnabled({ tenantId, budgetId: id, enabled: false });
    const [listed] = await callerFor(db, f.users.VIEWER).budget.list({ tenantId });
    expect(listed).toMatchObject({ id, name: "Lobo cap", scopeLabel: "🐺 Lobo", enabled: false, limitMoneyMicros: null, limitMessages: 300, downgradeModel: models.haiku, usedPct: 0 });
    expect(new Date(listed!.resetsAt).getTime()).toBeGreaterThan(Date.now());
    await admin.budget.delete({ tenantId, budgetId: id });
    expect(await db.budget.count({ where: { tenantId } })).toBe(0);
    const audit = await db.auditLog.findMany({ where: { tenantId, entityType: "Budget" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["budget.create", "budget.update", "budget.pause", "budget.delete"]);
  });

  it("refuses bad input with a message naming the field, and changes nothing", async () => {
    const f = await seedTenant(db, models);
    const other = await seedTenant(db, models);
    const admin = callerFor(db, f.users.ADMIN);
    const tenantId = f.tenant.id;
    const before = await snapshotTenant(db, tenantId);
    const cases: [Record<string, unknown>, RegExp][] = [
      [fields({ agentId: f.lobo.id, limitMoney: -1 }), /limitMoney.*cannot be negative/],
      [fields({ agentId: f.lobo.id, thresholds: [80, 120] }), /thresholds.*between 1 and 100/],
      [fields({ agentId: f.lobo.id, thresholds: [90, 80] }), /thresholds.*must go up/],
      [fields({ agentId: f.lobo.id, limitMoney: null }), /limitMoney.*Set a limit/],
      [fields({ agentId: null }), /agentId.*Pick the agent/],
      [fields({ agentId: other.lobo.id }), /agentId: no such agent/],
      [fields({ scope: "CHANNEL", channelId: other.group.id }), /channelId: no such group/],
      [fields({ agentId: f.lobo.id, currency: "EUR" }), /currency: use USD or the workspace currency/],
      [fields({ agentId: f.lobo.id, action: "DOWNGRADE", downgradeModel: "gpt-nonexistent" }), /downgradeModel: unknown model/],
      [fields({ agentId: f.lobo.id, downgradeModel: models.haiku }), /downgradeModel.*only applies/],
      [fields({ agentId: f.lobo.id, limitTokens: 1.5 }), /limitTokens.*whole number/],
      [fields({ agentId: f.lobo.id, name: "  " }), /name.*required/],
    ];
    for (const [input, expected] of cases) expect(await messageOf(admin.budget.create({ tenantId, ...input } as never))).toMatch(new RegExp(`^BAD_REQUEST .*${expected.source}`));
    expect(await snapshotTenant(db, tenantId)).toBe(before);
  });

  it("a downgrade model the plan does not include is refused", async () => {
    const f = await seedTenant(db, models);
    const tier = await db.tier.create({ data: { key: `tier-${rid()}`, name: "Small", priceMonthlyMinor: 0, defaultModel: models.sonnet, allowedModels: [models.sonnet] } });
    await db.subscription.create({ data: { tenantId: f.tenant.id, tierId: tier.id } });
    const admin = callerFor(db, f.users.ADMIN);
    const msg = await messageOf(admin.budget.create({ tenantId: f.tenant.id, ...fields({ agentId: f.lobo.id, action: "DOWNGRADE", downgradeModel: models.haiku }) }));
    expect(msg).toMatch(/downgradeModel: the current plan does not include/);
    expect(await codeOf(admin.budget.create({ tenantId: f.tenant.id, ...fields({ agentId: f.lobo.id, action: "DOWNGRADE", downgradeModel: models.sonnet }) }))).toBe("OK");
  });

  it("members and viewers cannot change budgets; another tenant's budget is not found", async () => {
    const f = await seedTenant(db, models);
    const other = await seedTenant(db, models);
    const theirs = await callerFor(db, other.users.ADMIN).budget.create({ tenantId: other.tenant.id, ...fields({ agentId: other.lobo.id }) });
    expect(await codeOf(callerFor(db, f.users.MEMBER).budget.create({ tenantId: f.tenant.id, ...fields({ agentId: f.lobo.id }) }))).toBe("FORBIDDEN");
    const admin = callerFor(db, f.users.ADMIN);
    expect(await codeOf(admin.budget.delete({ tenantId: f.tenant.id, budgetId: theirs.id }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.budget.setEnabled({ tenantId: f.tenant.id, budgetId: theirs.id, enabled: false }))).toBe("NOT_FOUND");
    expect(await db.budget.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ enabled: true });
  });
});

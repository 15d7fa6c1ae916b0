import { AppError, type Budget } from "@baas/db";
import type { z } from "zod";
import { assertKnownModel } from "../agent/agent.service";
import type { Actor, DbLike } from "../lib-app/db-like";
import { budgetsWithUse } from "../overview/overview.service";
import type { budgetFieldsSchema } from "./budget.schemas";

type Fields = z.output<typeof budgetFieldsSchema>;

const bad = (field: string, message: string) => new AppError("BAD_REQUEST", `${field}: ${message}`, { details: { field } });

/** Every check that needs the database: targets of this tenant, its currency, models it may use. */
async function checked(db: DbLike, actor: Actor, f: Fields) {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, include: { subscription: { include: { tier: true } } } });
  if (f.currency !== "USD" && f.currency !== tenant.currency) throw bad("currency", `use USD or the workspace currency (${tenant.currency})`);
  const agentId = f.scope === "AGENT" ? f.agentId : null;
  const channelId = f.scope === "CHANNEL" ? f.channelId : null;
  // Another tenant's agent or chat reads exactly like one that does not exist.
  if (agentId && !(await db.agent.findFirst({ where: { id: agentId, tenantId: actor.tenantId, archivedAt: null }, select: { id: true } }))) throw bad("agentId", "no such agent");
  if (channelId && !(await db.channel.findFirst({ where: { id: channelId, tenantId: actor.tenantId }, select: { id: true } }))) throw bad("channelId", "no such group or DM");
  if (f.action === "DOWNGRADE" && f.downgradeModel) {
    await assertKnownModel(db, f.downgradeModel, "downgradeModel");
    const allowed = tenant.subscription?.tier.allowedModels;
    if (allowed && !allowed.some((m) => f.downgradeModel === m || f.downgradeModel!.startsWith(`${m}-`))) throw bad("downgradeModel", `the current plan does not include ${f.downgradeModel}`);
  }
  return {
    name: f.name,
    scope: f.scope,
    agentId,
    channelId,
    period: f.period,
    currency: f.currency,
    limitMoneyMicros: f.limitMoney === null ? null : BigInt(Math.round(f.limitMoney * 1e6)),
    limitTokens: f.limitTokens === null ? null : BigInt(f.limitTokens),
    limitMessages: f.limitMessages,
    thresholds: f.thresholds,
    action: f.action,
    downgradeModel: f.action === "DOWNGRADE" ? f.downgradeModel : null,
  };
}

export async function findBudget(db: DbLike, actor: Actor, budgetId: string): Promise<Budget> {
  const b = await db.budget.findFirst({ where: { id: budgetId, tenantId: actor.tenantId } });
  if (!b) throw new AppError("NOT_FOUND", "Budget not found");
  return b;
}

export async function listBudgets(db: DbLike, actor: Actor, now = new Date()) {
  return budgetsWithUse(db, actor.tenantId, now, { includePaused: true });
}

export async function createBudget(db: DbLike, actor: Actor, f: Fields) {
  return db.budget.create({ data: { tenantId: actor.tenantId, ...(await checked(db, actor, f)) } });
}

export async function updateBudget(db: DbLike, actor: Actor, budgetId: string, f: Fields) {
  const before = await findBudget(db, actor, budgetId);
  const after = await db.budget.update({ where: { id: before.id }, data: await checked(db, actor, f) });
  return { before, after };
}

export async function setBudgetEnabled(db: DbLike, actor: Actor, budgetId: string, enabled: boolean) {
  const before = await findBudget(db, actor, budgetId);
  const after = await db.budget.update({ where: { id: before.id }, data: { enabled } });
  return { before, after };
}

export async function deleteBudget(db: DbLike, actor: Actor, budgetId: string) {
  const before = await findBudget(db, actor, budgetId);
  await db.budget.delete({ where: { id: before.id } });
  return before;
}

import { AppError, type Db, type Tier } from "@baas/db";
import type { DbLike } from "../lib-app/db-like";
import { writeOperatorAudit } from "./operator-audit";
import type { TierView, UpdateTierInput } from "./operator.schemas";

function toView(t: Tier, subscriptions: number): TierView {
  return {
    id: t.id, key: t.key, name: t.name, priceMonthlyMinor: t.priceMonthlyMinor, currency: t.currency, defaultModel: t.defaultModel,
    allowedModels: t.allowedModels, creditModels: t.creditModels, monthlyMessages: t.monthlyMessages, maxGroups: t.maxGroups, maxAgents: t.maxAgents,
    branding: t.branding, apiAccess: t.apiAccess, prioritySupport: t.prioritySupport, subscriptions,
  };
}

export async function listTiers(db: Db): Promise<TierView[]> {
  const rows = await db.tier.findMany({ orderBy: [{ sortOrder: "asc" }, { priceMonthlyMinor: "asc" }], include: { _count: { select: { subscriptions: true } } } });
  return rows.map((t) => toView(t, t._count.subscriptions));
}

/** Distinct enabled model ids: what a tier may allow. */
export async function enabledModels(db: DbLike): Promise<Array<{ model: string; displayName: string; provider: string }>> {
  const rows = await db.modelPrice.findMany({ where: { enabled: true }, orderBy: [{ provider: "asc" }, { model: "asc" }], select: { model: true, displayName: true, provider: true } });
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.model) ? false : (seen.add(r.model), true)));
}

export async function updateTier(db: DbLike, userId: string, input: UpdateTierInput): Promise<TierView> {
  const before = await db.tier.findUnique({ where: { id: input.tierId } });
  if (!before) throw new AppError("NOT_FOUND", "Tier not found");
  const known = new Set((await enabledModels(db)).map((m) => m.model));
  const unknown = input.allowedModels.filter((m) => !known.has(m));
  if (unknown.length) throw new AppError("BAD_REQUEST", `allowedModels: unknown or disabled model ${unknown.map((m) => `"${m}"`).join(", ")}`, { details: { field: "allowedModels", unknown } });
  const allowedModels = [...new Set(input.allowedModels)];
  const { tierId, ...data } = { ...input, allowedModels };
  const t = await db.tier.update({ where: { id: tierId }, data, include: { _count: { select: { subscriptions: true } } } });
  const pick = (x: Tier) => ({ priceMonthlyMinor: x.priceMonthlyMinor, defaultModel: x.defaultModel, allowedModels: x.allowedModels, monthlyMessages: x.monthlyMessages, maxGroups: x.maxGroups, maxAgents: x.maxAgents });
  await writeOperatorAudit(db, userId, { action: "tier.update", entityType: "Tier", entityId: t.id, before: pick(before), after: pick(t) });
  return toView(t, t._count.subscriptions);
}

import { AppError, type Db, type Tier } from "@baas/db";
import type { DbLike } from "../lib-app/db-like";
import { writeOperatorAudit } from "./operator-audit";
import type { CreateTierInput, TierView, UpdateTierInput } from "./operator.schemas";

function toView(t: Tier, subscriptions: number): TierView {
  return {
    id: t.id, key: t.key, name: t.name, priceMonthlyMinor: t.priceMonthlyMinor, currency: t.currency, defaultModel: t.defaultModel,
    allowedModels: t.allowedModels, creditModels: t.creditModels, monthlyMessages: t.monthlyMessages, maxGroups: t.maxGroups, maxAgents: t.maxAgents,
    branding: t.branding, apiAccess: t.apiAccess, prioritySupport: t.prioritySupport, stripePriceId: t.stripePriceId, subscriptions,
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

async function knownModels(db: DbLike, models: string[]): Promise<string[]> {
  const known = new Set((await enabledModels(db)).map((m) => m.model));
  const unknown = models.filter((m) => !known.has(m));
  if (unknown.length) throw new AppError("BAD_REQUEST", `allowedModels: unknown or disabled model ${unknown.map((m) => `"${m}"`).join(", ")}`, { details: { field: "allowedModels", unknown } });
  return [...new Set(models)];
}

export async function createTier(db: DbLike, userId: string, input: CreateTierInput): Promise<Tier> {
  if (await db.tier.findUnique({ where: { key: input.key } })) throw new AppError("CONFLICT", `key: a tier "${input.key}" exists already`, { details: { field: "key" } });
  const allowedModels = await knownModels(db, input.allowedModels);
  const last = await db.tier.aggregate({ _max: { sortOrder: true } });
  const t = await db.tier.create({ data: { ...input, allowedModels, sortOrder: (last._max.sortOrder ?? 0) + 1 } });
  await writeOperatorAudit(db, userId, { action: "tier.create", entityType: "Tier", entityId: t.id, after: { key: t.key, name: t.name, priceMonthlyMinor: t.priceMonthlyMinor, currency: t.currency, allowedModels: t.allowedModels } });
  return t;
}

export async function tierView(db: DbLike, tierId: string): Promise<TierView> {
  const t = await db.tier.findUniqueOrThrow({ where: { id: tierId }, include: { _count: { select: { subscriptions: true } } } });
  return toView(t, t._count.subscriptions);
}

export async function updateTier(db: DbLike, userId: string, input: UpdateTierInput): Promise<TierView> {
  const before = await db.tier.findUnique({ where: { id: input.tierId } });
  if (!before) throw new AppError("NOT_FOUND", "Tier not found");
  const allowedModels = await knownModels(db, input.allowedModels);
  const { tierId, ...data } = { ...input, allowedModels };
  const t = await db.tier.update({ where: { id: tierId }, data, include: { _count: { select: { subscriptions: true } } } });
  const pick = (x: Tier) => ({ priceMonthlyMinor: x.priceMonthlyMinor, defaultModel: x.defaultModel, allowedModels: x.allowedModels, monthlyMessages: x.monthlyMessages, maxGroups: x.maxGroups, maxAgents: x.maxAgents });
  await writeOperatorAudit(db, userId, { action: "tier.update", entityType: "Tier", entityId: t.id, before: pick(before), after: pick(t) });
  return toView(t, t._count.subscriptions);
}

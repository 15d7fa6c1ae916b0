import { AppError } from "@baas/db";
import type { Deps } from "./deps";
import { modelAllowed } from "./admission";
import type { TierRules } from "./tenant-config";

/** "The Starter plan does not include claude-sonnet-4-5; the Pro plan does." */
export function tierRefusal(tier: TierRules, model: string): string {
  const up = tier.upgrades.find((t) => modelAllowed(t.allowedModels, model));
  return `The ${tier.name} plan does not include ${model}${up ? `; the ${up.name} plan does` : ""}.`;
}

/** Credits left for the tenant's credit models (read live: they change every call). */
export async function creditsLeft(d: Pick<Deps, "db">, tenantId: string): Promise<number> {
  const row = await d.db.subscription.findUnique({ where: { tenantId }, select: { creditBalance: true } });
  return row?.creditBalance ?? 0;
}

/** A model the plan allows only against credits (and not outright). */
export function needsCredit(tier: TierRules | null, model: string): boolean {
  return tier !== null && !modelAllowed(tier.allowedModels, model) && modelAllowed(tier.creditModels, model);
}

/** Preflight: a credit model with credits left stays as asked; without, the plan's default is used. */
export async function creditCovers(d: Pick<Deps, "db">, tenantId: string, tier: TierRules, model: string): Promise<boolean> {
  return needsCredit(tier, model) && (await creditsLeft(d, tenantId)) > 0;
}

/**
 * The plan's say before anything is held: allowed models pass; a credit model passes while credits
 * are left (one is spent once the call is admitted: spendCredit); anything else is refused with
 * the plan that would include it.
 */
export async function checkPlanModel(d: Pick<Deps, "db">, tenantId: string, tier: TierRules | null, model: string): Promise<void> {
  if (!tier || modelAllowed(tier.allowedModels, model)) return;
  if (!modelAllowed(tier.creditModels, model)) {
    throw new AppError("BUDGET_EXCEEDED", `Model ${model} is not in the tenant's plan`, { details: { reason: "tier", message: tierRefusal(tier, model) } });
  }
  if ((await creditsLeft(d, tenantId)) <= 0) throw noCredits(tier, model);
}

/**
 * Takes one credit in one conditional UPDATE (never below zero): false when none was left, so of
 * two calls racing for the last credit exactly one gets it and the other is refused.
 */
export async function spendCredit(d: Pick<Deps, "db">, tenantId: string): Promise<boolean> {
  const taken = await d.db.$executeRaw`UPDATE "Subscription" SET "creditBalance" = "creditBalance" - 1 WHERE "tenantId" = ${tenantId} AND "creditBalance" > 0`;
  return taken > 0;
}

/** Gives back a credit taken for a call that was then refused or moved to a model that needs none. */
export async function refundCredit(d: Pick<Deps, "db">, tenantId: string): Promise<void> {
  await d.db.$executeRaw`UPDATE "Subscription" SET "creditBalance" = "creditBalance" + 1 WHERE "tenantId" = ${tenantId}`;
}

/** The refusal when the plan's credits are used up. */
export function noCredits(tier: TierRules, model: string): AppError {
  return new AppError("BUDGET_EXCEEDED", `No credits left for ${model}`, { details: { reason: "credits", message: `No credits left for ${model} on the ${tier.name} plan: an owner can buy more on the Billing page.` } });
}

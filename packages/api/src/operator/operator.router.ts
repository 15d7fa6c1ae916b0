import type { Db } from "@baas/db";
import { z } from "zod";
import type { DbLike } from "../lib-app/db-like";
import { createTRPCRouter, operatorProcedure } from "../trpc";
import { setTenantTier } from "../billing/operator-set-tier";
import { syncTierAfterEdit } from "../billing/operator-tier-sync";
import {
  accountViewSchema,
  createAccountInput,
  createTierInput,
  replaceCredentialInput,
  setEnabledInput,
  setPriorityInput,
  setSubscriptionUseInput,
  tierViewSchema,
  updateTierInput,
} from "./operator.schemas";
import { poolHealth } from "../pool-health/pool-health.service";
import { listTenants } from "./tenants-list";
import { createTier, enabledModels, listTiers, tierView, updateTier } from "./tiers";
import { createAccount, listAccounts, replaceCredential, setEnabled, setPriority, setSubscriptionUse, SUBSCRIPTION_TERMS } from "./upstream-accounts";

/**
 * Platform operators (User.platformRole = OPERATOR) manage what all tenants share: the upstream
 * account pool and the tiers. Every pool edit drops this process's copy of the account list (other
 * processes re-read it within configTtlMs, 5 s by default); tier edits clear its tenant-config cache.
 */
/** One pool edit in a transaction, then this process's gateway drops its copy of the pool. */
async function poolEdit<T>(ctx: { db: Db; services: { gateway?: { invalidateAccounts(): void } } }, fn: (tx: DbLike) => Promise<T>): Promise<T> {
  const out = await ctx.db.$transaction((tx) => fn(tx));
  ctx.services.gateway?.invalidateAccounts();
  return out;
}

export const operatorRouter = createTRPCRouter({
  accounts: operatorProcedure.output(z.array(accountViewSchema)).query(({ ctx }) => listAccounts(ctx.db)),
  createAccount: operatorProcedure
    .input(createAccountInput)
    .output(accountViewSchema)
    .mutation(({ ctx, input }) => poolEdit(ctx, (tx) => createAccount(tx, ctx.user.id, ctx.services.encryptionKey, input))),
  setAccountPriority: operatorProcedure
    .input(setPriorityInput)
    .output(accountViewSchema)
    .mutation(({ ctx, input }) => poolEdit(ctx, (tx) => setPriority(tx, ctx.user.id, input.accountId, input.priority))),
  setAccountEnabled: operatorProcedure
    .input(setEnabledInput)
    .output(accountViewSchema)
    .mutation(({ ctx, input }) => poolEdit(ctx, (tx) => setEnabled(tx, ctx.user.id, input.accountId, input.enabled, input.reason))),
  subscriptionTerms: operatorProcedure.output(z.string()).query(() => SUBSCRIPTION_TERMS),
  setSubscriptionUse: operatorProcedure
    .input(setSubscriptionUseInput)
    .output(accountViewSchema)
    .mutation(({ ctx, input }) => poolEdit(ctx, (tx) => setSubscriptionUse(tx, ctx.user.id, input.accountId, input.use))),
  replaceAccountCredential: operatorProcedure
    .input(replaceCredentialInput)
    .output(accountViewSchema)
    .mutation(({ ctx, input }) => poolEdit(ctx, (tx) => replaceCredential(tx, ctx.user.id, ctx.services.encryptionKey, input.accountId, input.credential))),
  /** Upstream pool health: status, Max windows, served today, last error (operators only). */
  poolHealth: operatorProcedure.query(({ ctx }) => poolHealth(ctx.db, new Date())),
  /** Every tenant with plan, this month's spend and status. */
  tenants: operatorProcedure.query(({ ctx }) => listTenants(ctx.db, ctx.services.clock?.() ?? new Date())),
  tiers: operatorProcedure.output(z.array(tierViewSchema)).query(({ ctx }) => listTiers(ctx.db)),
  models: operatorProcedure.query(({ ctx }) => enabledModels(ctx.db)),
  updateTier: operatorProcedure
    .input(updateTierInput)
    .output(tierViewSchema)
    .mutation(async ({ ctx, input }) => {
      const tier = await ctx.db.$transaction((tx) => updateTier(tx, ctx.user.id, input));
      // Tier entitlements live in the engine's per-tenant config cache: drop it so the edit applies now.
      ctx.services.gateway?.invalidate();
      await syncTierAfterEdit(ctx.services, ctx.user.id, tier.id);
      return tierView(ctx.db, tier.id);
    }),
  setTenantTier: operatorProcedure
    .input(z.object({ tenantId: z.string().min(1).max(64), tierKey: z.string().min(1).max(64), reason: z.string().trim().min(3, "reason: say why (at least 3 characters)").max(300) }))
    .mutation(({ ctx, input }) => setTenantTier(ctx.services, ctx.user.id, input)),
  createTier: operatorProcedure
    .input(createTierInput)
    .output(tierViewSchema)
    .mutation(async ({ ctx, input }) => {
      const tier = await ctx.db.$transaction((tx) => createTier(tx, ctx.user.id, input));
      await syncTierAfterEdit(ctx.services, ctx.user.id, tier.id);
      return tierView(ctx.db, tier.id);
    }),
});

import { z } from "zod";
import type { AuditEntry } from "../audit/audit-log";
import type { Actor, DbLike } from "../lib-app/db-like";
import { actorOf, saveSetting } from "../lib-app/tenant-procedure-helpers";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { budgetFieldsSchema } from "./budget.schemas";
import { createBudget, deleteBudget, listBudgets, setBudgetEnabled, updateBudget } from "./budget.service";

// Budgets live in the gateway, not in the hosts' config: saved without publishing a revision.
const saveBudget = <T>(ctx: Parameters<typeof saveSetting>[0], actor: Actor, change: (tx: DbLike) => Promise<{ result: T; audit: AuditEntry }>) =>
  saveSetting(ctx, actor, change, { publish: false });

const id = z.string().min(1).max(64);

export const budgetRouter = createTRPCRouter({
  list: tenantProcedure("VIEWER").query(({ ctx }) => listBudgets(ctx.db, actorOf(ctx))),
  create: tenantProcedure("ADMIN")
    .input(budgetFieldsSchema)
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      const { tenantId: _t, ...fields } = input;
      return saveBudget(ctx, actor, async (tx) => {
        const b = await createBudget(tx, actor, fields);
        return { result: { id: b.id }, audit: { action: "budget.create", entityType: "Budget", entityId: b.id, after: b, summary: `Created budget ${b.name}` } };
      });
    }),
  update: tenantProcedure("ADMIN")
    .input(budgetFieldsSchema.safeExtend({ budgetId: id }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      const { tenantId: _t, budgetId, ...fields } = input;
      return saveBudget(ctx, actor, async (tx) => {
        const { before, after } = await updateBudget(tx, actor, budgetId, fields);
        return { result: { id: after.id }, audit: { action: "budget.update", entityType: "Budget", entityId: after.id, before, after, summary: `Changed budget ${after.name}` } };
      });
    }),
  setEnabled: tenantProcedure("ADMIN")
    .input(z.object({ budgetId: id, enabled: z.boolean() }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      return saveBudget(ctx, actor, async (tx) => {
        const { before, after } = await setBudgetEnabled(tx, actor, input.budgetId, input.enabled);
        const verb = input.enabled ? "Resumed" : "Paused";
        return { result: { id: after.id, enabled: after.enabled }, audit: { action: input.enabled ? "budget.resume" : "budget.pause", entityType: "Budget", entityId: after.id, before, after, summary: `${verb} budget ${after.name}` } };
      });
    }),
  delete: tenantProcedure("ADMIN")
    .input(z.object({ budgetId: id }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      return saveBudget(ctx, actor, async (tx) => {
        const before = await deleteBudget(tx, actor, input.budgetId);
        return { result: { id: before.id }, audit: { action: "budget.delete", entityType: "Budget", entityId: before.id, before, summary: `Deleted budget ${before.name}` } };
      });
    }),
});

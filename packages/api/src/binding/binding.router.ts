import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { actorOf, saveConfig } from "../lib-app/tenant-procedure-helpers";
import { bindingCreateSchema, bindingRuleSchema } from "./binding.schemas";
import { applyRule } from "./binding-rule";
import { bindingOverview, createBinding, findBinding, reassignBinding } from "./binding.service";

export const bindingRouter = createTRPCRouter({
  overview: tenantProcedure("VIEWER").query(({ ctx }) => bindingOverview(ctx.db, actorOf(ctx))),
  create: tenantProcedure("ADMIN")
    .input(bindingCreateSchema)
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      return saveConfig(ctx, actor, async (tx) => {
        const b = await createBinding(tx, actor, input);
        return { result: b, audit: { action: "binding.create", entityType: "Binding", entityId: b.id, after: b, summary: "Added a binding" } };
      });
    }),
  /** The rule builder: "Agent X answers …"; a chat someone else answered moves to X. */
  addRule: tenantProcedure("ADMIN")
    .input(bindingRuleSchema)
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      return saveConfig(ctx, actor, async (tx) => {
        const { binding, agent } = await applyRule(tx, actor, input.agentId, input.target);
        return { result: binding, audit: { action: "binding.rule", entityType: "Binding", entityId: binding.id, after: binding, summary: `${agent.name} answers a new place` } };
      });
    }),
  reassign: tenantProcedure("ADMIN")
    .input(z.object({ bindingId: z.string().min(1), agentId: z.string().min(1, "Pick an agent") }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      return saveConfig(ctx, actor, async (tx) => {
        const { before, after, agent } = await reassignBinding(tx, actor, input.bindingId, input.agentId);
        return { result: after, audit: { action: "binding.reassign", entityType: "Binding", entityId: after.id, before, after, summary: `${agent.name} now answers a chat of another agent` } };
      });
    }),
  delete: tenantProcedure("ADMIN")
    .input(z.object({ bindingId: z.string().min(1) }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      return saveConfig(ctx, actor, async (tx) => {
        const before = await findBinding(tx, actor, input.bindingId);
        await tx.binding.delete({ where: { id: before.id } });
        return { result: { ok: true as const }, audit: { action: "binding.delete", entityType: "Binding", entityId: before.id, before, summary: "Removed a binding" } };
      });
    }),
});

import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { actorOf, saveConfig } from "../lib-app/tenant-procedure-helpers";
import { bindingCreateSchema } from "./binding.schemas";
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
  reassign: tenantProcedure("ADMIN")
    .input(z.object({ bindingId: z.string().min(1), agentId: z.string().min(1, "Pick an agent") }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      return saveConfig(ctx, actor, async (tx) => {
        const { before, after, agent } = await reassignBinding(tx, actor, input.bindingId, input.agentId);
        return { result: after, audit: { action: "binding.reassign", entityType: "Binding", entityId: after.id, before, after, summary: `Routed a binding to ${agent.externalId}` } };
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

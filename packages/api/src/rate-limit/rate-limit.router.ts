import { z } from "zod";
import { writeAudit } from "../audit/audit-log";
import { actorOf } from "../lib-app/tenant-procedure-helpers";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { rateLimitFieldsSchema } from "./rate-limit.schemas";
import { createRateLimit, deleteRateLimit, listRateLimits } from "./rate-limit.service";

export const rateLimitRouter = createTRPCRouter({
  list: tenantProcedure("VIEWER").query(({ ctx }) => listRateLimits(ctx.db, actorOf(ctx))),
  create: tenantProcedure("ADMIN")
    .input(rateLimitFieldsSchema)
    .mutation(async ({ ctx, input }) => {
      const actor = actorOf(ctx);
      const { tenantId: _t, ...fields } = input;
      const rule = await ctx.db.$transaction(async (tx) => {
        const r = await createRateLimit(tx, actor, fields);
        await writeAudit(tx, actor, { action: "rateLimit.create", entityType: "RateLimitRule", entityId: r.id, after: r });
        return r;
      });
      // The gateway caches tenant settings: the next call obeys the new rule.
      ctx.services.gateway?.invalidate(actor.tenantId);
      return { id: rule.id };
    }),
  delete: tenantProcedure("ADMIN")
    .input(z.object({ ruleId: z.string().min(1).max(64) }))
    .mutation(async ({ ctx, input }) => {
      const actor = actorOf(ctx);
      const rule = await ctx.db.$transaction(async (tx) => {
        const r = await deleteRateLimit(tx, actor, input.ruleId);
        await writeAudit(tx, actor, { action: "rateLimit.delete", entityType: "RateLimitRule", entityId: r.id, before: r });
        return r;
      });
      ctx.services.gateway?.invalidate(actor.tenantId);
      return { id: rule.id };
    }),
});

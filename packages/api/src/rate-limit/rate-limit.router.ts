import { z } from "zod";
import { actorOf, saveSetting } from "../lib-app/tenant-procedure-helpers";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { rateLimitFieldsSchema } from "./rate-limit.schemas";
import { createRateLimit, deleteRateLimit, listRateLimits } from "./rate-limit.service";

export const rateLimitRouter = createTRPCRouter({
  list: tenantProcedure("VIEWER").query(({ ctx }) => listRateLimits(ctx.db, actorOf(ctx))),
  create: tenantProcedure("ADMIN")
    .input(rateLimitFieldsSchema)
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      const { tenantId: _t, ...fields } = input;
      return saveSetting(ctx, actor, async (tx) => {
        const r = await createRateLimit(tx, actor, fields);
        return { result: { id: r.id }, audit: { action: "rateLimit.create", entityType: "RateLimitRule", entityId: r.id, after: r } };
      }, { publish: false });
    }),
  delete: tenantProcedure("ADMIN")
    .input(z.object({ ruleId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      return saveSetting(ctx, actor, async (tx) => {
        const r = await deleteRateLimit(tx, actor, input.ruleId);
        return { result: { id: r.id }, audit: { action: "rateLimit.delete", entityType: "RateLimitRule", entityId: r.id, before: r } };
      }, { publish: false });
    }),
});

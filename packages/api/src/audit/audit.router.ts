import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "../trpc";

export const auditRouter = createTRPCRouter({
  list: tenantProcedure("VIEWER")
    .input(z.object({ take: z.number().int().min(1).max(200).default(100), entityType: z.string().max(50).optional() }))
    .query(({ ctx, input }) =>
      ctx.db.auditLog.findMany({
        where: { tenantId: ctx.tenant.tenantId, ...(input.entityType ? { entityType: input.entityType } : {}) },
        orderBy: { createdAt: "desc" },
        take: input.take,
        select: { id: true, action: true, entityType: true, entityId: true, before: true, after: true, createdAt: true, actorKind: true, actor: { select: { email: true, name: true } } },
      }),
    ),
});

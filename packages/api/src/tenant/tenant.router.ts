import { AppError } from "@baas/db";
import { createTRPCRouter, protectedProcedure, tenantProcedure } from "../trpc";
import { actorOf, saveConfig } from "../lib-app/tenant-procedure-helpers";
import { tenantPoliciesSchema } from "../channel/channel.schemas";
import { displayUsdRate } from "./usd-rate";

export const tenantRouter = createTRPCRouter({
  /**
   * The signed-in person's own tenants (for the switcher): scoped to ctx.user, takes no tenant id.
   * Platform operators stand above tenants and see all of them (acting as owner).
   */
  mine: protectedProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db.membership.findMany({
      where: { userId: ctx.user.id },
      orderBy: { tenant: { name: "asc" } },
      select: { role: true, tenant: { select: { id: true, slug: true, name: true } } },
    });
    const mine = rows.map((r) => ({ ...r.tenant, role: r.role, viaOperator: false }));
    if (ctx.user.platformRole !== "OPERATOR") return mine;
    const all = await ctx.db.tenant.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } });
    const own = new Set(mine.map((t) => t.id));
    return [...mine, ...all.filter((t) => !own.has(t.id)).map((t) => ({ ...t, role: "OWNER" as const, viaOperator: true }))];
  }),
  get: tenantProcedure("VIEWER").query(async ({ ctx }) => {
    const t = await ctx.db.tenant.findUnique({
      where: { id: ctx.tenant.tenantId },
      select: { id: true, slug: true, name: true, currency: true, timezone: true, dmPolicy: true, groupPolicy: true },
    });
    if (!t) throw new AppError("NOT_FOUND", "Tenant not found");
    // An operator acting in a workspace they are not a member of is shown as the operator they are.
    const usdRate = await displayUsdRate(ctx.db, t.id, t.currency);
    return { ...t, usdRate, myRole: ctx.tenant.role, viaOperator: ctx.tenant.viaOperator };
  }),
  updatePolicies: tenantProcedure("ADMIN")
    .input(tenantPoliciesSchema)
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      const { tenantId, ...data } = input;
      return saveConfig(ctx, actor, async (tx) => {
        const before = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { dmPolicy: true, groupPolicy: true } });
        const after = await tx.tenant.update({ where: { id: tenantId }, data, select: { dmPolicy: true, groupPolicy: true } });
        return { result: after, audit: { action: "tenant.policies", entityType: "Tenant", entityId: tenantId, before, after, summary: "Changed DM/group policy" } };
      });
    }),
});

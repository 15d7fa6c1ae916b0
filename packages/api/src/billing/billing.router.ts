import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { billingOverview, listInvoices } from "./billing.service";
import { changePlan, openPortal, viaStripe } from "./checkout";
import { buyCredits } from "./credits";

/**
 * Billing: owners manage, admins read, members and viewers do not see it. No procedure here
 * changes a tenant's tier: they send the owner to Stripe, and only Stripe's signed event (the
 * webhook) or an operator moves the tier.
 */
export const billingRouter = createTRPCRouter({
  get: tenantProcedure("ADMIN").query(({ ctx }) => billingOverview(ctx.db, { tenantId: ctx.tenant.tenantId, userId: ctx.user.id, role: ctx.tenant.role })),
  invoices: tenantProcedure("ADMIN").query(({ ctx }) => viaStripe(() => listInvoices(ctx.services, ctx.tenant.tenantId))),
  changePlan: tenantProcedure("OWNER")
    .input(z.object({ tierKey: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => viaStripe(() => changePlan(ctx.services, { tenantId: ctx.tenant.tenantId, userId: ctx.user.id, email: ctx.user.email }, input.tierKey))),
  portal: tenantProcedure("OWNER").mutation(({ ctx }) => viaStripe(() => openPortal(ctx.services, ctx.tenant.tenantId))),
  buyCredits: tenantProcedure("OWNER").mutation(({ ctx }) => viaStripe(() => buyCredits(ctx.services, { tenantId: ctx.tenant.tenantId, userId: ctx.user.id, email: ctx.user.email }))),
});

import { AppError } from "@baas/db";
import { z } from "zod";
import { writeAudit } from "../audit/audit-log";
import { actorOf } from "../lib-app/tenant-procedure-helpers";
import { createTRPCRouter, protectedProcedure, tenantProcedure } from "../trpc";
import { acceptInvitation, createInvitation, listInvitations, revokeInvitation } from "./invitation.service";
import { inviteSchema } from "./invitation.schemas";


export const invitationRouter = createTRPCRouter({
  list: tenantProcedure("ADMIN").query(({ ctx }) => listInvitations(ctx.db, actorOf(ctx))),
  create: tenantProcedure("ADMIN")
    .input(inviteSchema)
    .mutation(async ({ ctx, input }) => {
      const mailer = ctx.services.invitationMailer;
      if (!mailer) throw new AppError("PRECONDITION_FAILED", "Email sending is not configured on this server");
      const actor = actorOf(ctx);
      const { invitation, token } = await ctx.db.$transaction(async (tx) => {
        const created = await createInvitation(tx, actor, ctx.tenant.role, input.email, input.role);
        await writeAudit(tx, actor, { action: "invitation.create", entityType: "Invitation", entityId: created.invitation.id, after: created.invitation });
        return created;
      });
      const tenant = await ctx.db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { name: true } });
      await mailer.sendInvitation({ email: input.email, tenantId: actor.tenantId, tenantName: tenant.name, inviterEmail: ctx.user.email, role: input.role, invitePath: `/invite/${token}` });
      return invitation;
    }),
  revoke: tenantProcedure("ADMIN")
    .input(z.object({ invitationId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const actor = actorOf(ctx);
      return ctx.db.$transaction(async (tx) => {
        await revokeInvitation(tx, actor, input.invitationId);
        await writeAudit(tx, actor, { action: "invitation.revoke", entityType: "Invitation", entityId: input.invitationId });
        return { ok: true as const };
      });
    }),
  /** The invitee's side: not tenant-scoped (they are not a member yet); bound to their own email. */
  accept: protectedProcedure.input(z.object({ token: z.string().min(10) })).mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const res = await acceptInvitation(tx, ctx.user, input.token);
      await writeAudit(tx, { tenantId: res.tenantId, userId: ctx.user.id }, { action: "invitation.accept", entityType: "Membership", after: { email: ctx.user.email, role: res.role } });
      return res;
    }),
  ),
});

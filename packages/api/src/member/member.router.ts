import { z } from "zod";
import { writeAudit } from "../audit/audit-log";
import { actorOf } from "../lib-app/tenant-procedure-helpers";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { changeRole, listMembers, removeMember } from "./member.service";

const roleSchema = z.enum(["OWNER", "ADMIN", "MEMBER", "VIEWER"]);

export const memberRouter = createTRPCRouter({
  list: tenantProcedure("VIEWER").query(({ ctx }) => listMembers(ctx.db, actorOf(ctx))),
  changeRole: tenantProcedure("ADMIN")
    .input(z.object({ membershipId: z.string().min(1), role: roleSchema }))
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const actor = actorOf(ctx);
        const { before, after } = await changeRole(tx, actor, ctx.tenant.role, input.membershipId, input.role);
        await writeAudit(tx, actor, { action: "member.role", entityType: "Membership", entityId: after.id, before: { role: before.role, email: before.user.email }, after: { role: after.role } });
        return { id: after.id, role: after.role };
      }),
    ),
  remove: tenantProcedure("ADMIN")
    .input(z.object({ membershipId: z.string().min(1) }))
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const actor = actorOf(ctx);
        const m = await removeMember(tx, actor, ctx.tenant.role, input.membershipId);
        await writeAudit(tx, actor, { action: "member.remove", entityType: "Membership", entityId: m.id, before: { role: m.role, email: m.user.email } });
        return { ok: true as const };
      }),
    ),
});

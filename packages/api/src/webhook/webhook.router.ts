import { z } from "zod";
import { AppError } from "@baas/db";
import { writeAudit } from "../audit/audit-log";
import { actorOf } from "../lib-app/tenant-procedure-helpers";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { webhookUrlSchema } from "./webhook.schemas";
import { clearWebhook, getWebhook, setWebhook } from "./webhook.service";

/** The tenant's alert webhook: admins only (its URL can carry a token of the receiver's). */
export const webhookRouter = createTRPCRouter({
  get: tenantProcedure("ADMIN").query(({ ctx }) => getWebhook(ctx.db, actorOf(ctx))),
  set: tenantProcedure("ADMIN")
    .input(z.object({ url: z.string().max(4000) }))
    .mutation(({ ctx, input }) => {
      const parsed = webhookUrlSchema(ctx.services.webhookAllowLoopback ?? false).safeParse(input.url);
      if (!parsed.success) throw new AppError("BAD_REQUEST", `url: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      const actor = actorOf(ctx);
      return ctx.db.$transaction(async (tx) => {
        const r = await setWebhook(tx, actor, parsed.data, ctx.services.encryptionKey);
        await writeAudit(tx, actor, { action: "webhook.set", entityType: "Tenant", entityId: actor.tenantId, before: r.before, after: { url: r.url }, summary: "Set the alert webhook" });
        return { url: r.url, secret: r.secret };
      });
    }),
  clear: tenantProcedure("ADMIN").mutation(({ ctx }) => {
    const actor = actorOf(ctx);
    return ctx.db.$transaction(async (tx) => {
      const before = await clearWebhook(tx, actor);
      await writeAudit(tx, actor, { action: "webhook.clear", entityType: "Tenant", entityId: actor.tenantId, before, summary: "Removed the alert webhook" });
      return { url: null };
    });
  }),
});

import { z } from "zod";
import { writeAudit } from "../audit/audit-log";
import { actorOf } from "../lib-app/tenant-procedure-helpers";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { acknowledgeAlerts, ALERT_KINDS, listAlerts, openAlertCount } from "./alert.service";

const id = z.string().min(1).max(64);

export const alertRouter = createTRPCRouter({
  list: tenantProcedure("VIEWER")
    .input(z.object({ status: z.enum(["open", "acknowledged", "all"]).default("open"), kind: z.enum(ALERT_KINDS).nullable().optional(), budgetId: id.nullable().optional() }))
    .query(({ ctx, input }) => listAlerts(ctx.db, actorOf(ctx), input)),
  openCount: tenantProcedure("VIEWER").query(({ ctx }) => openAlertCount(ctx.db, actorOf(ctx))),
  acknowledge: tenantProcedure("ADMIN")
    .input(z.object({ alertIds: z.array(id).min(1, "Pick at least one alert").max(100, "At most 100 alerts at once") }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      return ctx.db.$transaction(async (tx) => {
        const r = await acknowledgeAlerts(tx, actor, input.alertIds);
        await writeAudit(tx, actor, { action: "alert.acknowledge", entityType: "Alert", entityId: input.alertIds.length === 1 ? input.alertIds[0] : null, after: { alertIds: input.alertIds } });
        return r;
      });
    }),
});

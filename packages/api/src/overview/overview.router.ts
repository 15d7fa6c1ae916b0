import { actorOf } from "../lib-app/tenant-procedure-helpers";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { tenantOverview } from "./overview.service";

export const overviewRouter = createTRPCRouter({
  /** The landing page: agents online, this month's cost, budgets, applied vs pending revisions. */
  get: tenantProcedure("VIEWER").query(({ ctx }) => tenantOverview(ctx.db, actorOf(ctx))),
});

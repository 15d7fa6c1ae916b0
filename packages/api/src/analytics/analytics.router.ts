import { actorOf } from "../lib-app/tenant-procedure-helpers";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { callsInput, dailyInput, rangeSchema, sessionsInput } from "./analytics.schemas";
import { analyticsCalls, analyticsDaily, analyticsPerformance, analyticsSessions, analyticsSummary } from "./analytics.service";

/** Usage analytics: read-only, every member may look (operators in any tenant, as everywhere). */
const read = () => tenantProcedure("VIEWER").input(rangeSchema);

export const analyticsRouter = createTRPCRouter({
  summary: read().query(({ ctx, input }) => analyticsSummary(ctx.db, actorOf(ctx), input)),
  daily: read().input(dailyInput).query(({ ctx, input }) => analyticsDaily(ctx.db, actorOf(ctx), input, input.stackBy)),
  performance: read().query(({ ctx, input }) => analyticsPerformance(ctx.db, actorOf(ctx), input)),
  sessions: read().input(sessionsInput).query(({ ctx, input }) => analyticsSessions(ctx.db, actorOf(ctx), input, input.scope, input.id)),
  calls: read().input(callsInput).query(({ ctx, input }) => analyticsCalls(ctx.db, actorOf(ctx), input, input.sessionKey)),
});

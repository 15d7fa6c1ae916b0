import { healthRouter } from "./health/health.router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

/** A flat map of domain routers; each domain lives in its own folder. */
export const appRouter = createTRPCRouter({
  health: healthRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

import { createTRPCRouter, instanceProcedure } from "../trpc";
import {
  ackConfigInput,
  ackConfigOutput,
  heartbeatInput,
  heartbeatOutput,
  pullConfigInput,
  pullConfigOutput,
  reportInventoryInput,
  reportInventoryOutput,
} from "./instance.schemas";
import { ackConfig, pullConfig, recordHeartbeat, reportInventory } from "./instance.service";

/** Procedures the Clawdbot/OpenClaw plugin calls with its instance key. */
export const instanceRouter = createTRPCRouter({
  heartbeat: instanceProcedure
    .input(heartbeatInput)
    .output(heartbeatOutput)
    .mutation(({ ctx, input }) => recordHeartbeat(ctx.db, ctx.instance, input)),
  reportInventory: instanceProcedure
    .input(reportInventoryInput)
    .output(reportInventoryOutput)
    .mutation(({ ctx, input }) => reportInventory(ctx.db, ctx.instance, input)),
  // A mutation (POST) so the long-poll is never cached and the hash never lands in a URL log.
  pullConfig: instanceProcedure
    .input(pullConfigInput)
    .output(pullConfigOutput)
    .mutation(({ ctx, input, signal }) => pullConfig(ctx.db, ctx.instance, input, signal)),
  ackConfig: instanceProcedure
    .input(ackConfigInput)
    .output(ackConfigOutput)
    .mutation(({ ctx, input }) => ackConfig(ctx.db, ctx.instance, input)),
});

/**
 * The gateway router: machine-to-machine procedures for the Clawdbot plugin, authenticated by the
 * instance key. Thin on purpose — validate, then hand the instance's tenant to the engine.
 */
import { AppError } from "@baas/db";
import type { GatewayEngine } from "@baas/gateway";
import {
  callInputSchema,
  completeOutputSchema,
  preflightInputSchema,
  preflightOutputSchema,
  reportUsageInputSchema,
  reportUsageOutputSchema,
} from "@baas/protocol";
import { createTRPCRouter, instanceProcedure } from "../trpc";
import type { Context } from "../context";

function engineOf(ctx: Context): GatewayEngine {
  if (!ctx.services.gateway) throw new AppError("INTERNAL", "The gateway engine is not configured on this server");
  return ctx.services.gateway;
}

export const gatewayRouter = createTRPCRouter({
  preflight: instanceProcedure
    .input(preflightInputSchema)
    .output(preflightOutputSchema)
    .mutation(({ ctx, input }) => engineOf(ctx).preflight(ctx.instance.tenantId, ctx.instance.instanceId, input)),

  complete: instanceProcedure
    .input(callInputSchema)
    .output(completeOutputSchema)
    .mutation(({ ctx, input }) => engineOf(ctx).complete(ctx.instance.tenantId, ctx.instance.instanceId, input)),

  /**
   * Each item is the upstream's own SSE text of one upstream read (or, last, the call's usage):
   * small strings, so the transformer has nothing to walk, and the plugin writes them unchanged.
   * Streaming as a mutation that returns an async iterable, read with `httpBatchStreamLink`
   * (JSON lines over one POST response), rather than an SSE subscription: a subscription would
   * put the whole conversation into a GET URL and needs a separate link; a POST body carries any
   * size, and each yielded chunk is flushed to the wire as soon as it is produced — verified by
   * gateway.integration.test.ts, which reads the first event while the call is still running.
   * The resolver awaits the first chunk before returning, so everything that can fail before the
   * first event (auth, budget, rate limit, every upstream account refusing) rejects the mutation
   * itself as an ordinary tRPC error, with no event yielded.
   */
  stream: instanceProcedure.input(callInputSchema).mutation(async ({ ctx, input, signal }) => {
    const gen = engineOf(ctx).stream(ctx.instance.tenantId, ctx.instance.instanceId, input);
    const first = await gen.next();
    return (async function* () {
      try {
        for (let item = first; !item.done; item = await gen.next()) {
          // The caller went away: stop pulling, so the engine stops the upstream and records
          // what was used (CANCELLED) instead of reading the whole answer for nobody.
          if (signal?.aborted) return;
          yield item.value;
        }
      } finally {
        await gen.return(undefined);
      }
    })();
  }),

  reportUsage: instanceProcedure
    .input(reportUsageInputSchema)
    .output(reportUsageOutputSchema)
    .mutation(({ ctx, input }) => engineOf(ctx).reportUsage(ctx.instance.tenantId, ctx.instance.instanceId, input.events)),
});

import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { actorOf, saveConfig } from "../lib-app/tenant-procedure-helpers";
import { channelSettingsSchema } from "./channel.schemas";
import { listChannels, updateChannel } from "./channel.service";

export const channelRouter = createTRPCRouter({
  list: tenantProcedure("VIEWER").query(({ ctx }) => listChannels(ctx.db, actorOf(ctx))),
  update: tenantProcedure("ADMIN")
    .input(channelSettingsSchema.extend({ channelId: z.string().min(1) }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      const { channelId, tenantId: _t, ...settings } = input;
      return saveConfig(ctx, actor, async (tx) => {
        const { before, after } = await updateChannel(tx, actor, channelId, settings);
        const label = after.name ?? after.externalId;
        return { result: after, audit: { action: "channel.update", entityType: "Channel", entityId: after.id, before, after, summary: `Changed group ${label}` } };
      });
    }),
});

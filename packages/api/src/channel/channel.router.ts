import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { actorOf, saveConfig } from "../lib-app/tenant-procedure-helpers";
import { channelSettingsSchema } from "./channel.schemas";
import { listChannels, updateChannel } from "./channel.service";
import { listChats } from "./channel-chats";
import { channelName } from "./channel-label";

export const channelRouter = createTRPCRouter({
  list: tenantProcedure("VIEWER").query(({ ctx }) => listChannels(ctx.db, actorOf(ctx))),
  /** Groups and direct messages apart, with names and this month's cost. */
  chats: tenantProcedure("VIEWER").query(({ ctx }) => listChats(ctx.db, actorOf(ctx), ctx.services.clock?.() ?? new Date())),
  update: tenantProcedure("ADMIN")
    .input(channelSettingsSchema.extend({ channelId: z.string().min(1) }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      const { channelId, tenantId: _t, ...settings } = input;
      return saveConfig(ctx, actor, async (tx) => {
        const { before, after } = await updateChannel(tx, actor, channelId, settings);
        const label = channelName(after);
        return { result: after, audit: { action: "channel.update", entityType: "Channel", entityId: after.id, before, after, summary: `Changed ${after.peerKind === "DM" ? "the chat with" : "the group"} ${label}` } };
      });
    }),
});

import { AppError } from "@baas/db";
import type { z } from "zod";
import type { Actor, DbLike } from "../lib-app/db-like";
import { assertKnownModel } from "../agent/agent.service";
import { assertGroupRoom } from "../billing/entitlements";
import type { channelSettingsSchema } from "./channel.schemas";

export async function listChannels(db: DbLike, actor: Actor) {
  return db.channel.findMany({
    where: { tenantId: actor.tenantId },
    orderBy: [{ name: "asc" }, { externalId: "asc" }],
    include: {
      instance: { select: { id: true, name: true } },
      bindings: { select: { id: true, agent: { select: { id: true, externalId: true, name: true, emoji: true } } } },
    },
  });
}

export async function updateChannel(db: DbLike, actor: Actor, channelId: string, settings: z.output<typeof channelSettingsSchema>) {
  const before = await db.channel.findFirst({ where: { id: channelId, tenantId: actor.tenantId } });
  if (!before) throw new AppError("NOT_FOUND", "Group not found");
  if (before.peerKind === "DM" && (settings.requireMention !== undefined || settings.mentionPatterns !== undefined)) {
    throw new AppError("BAD_REQUEST", "Mentions apply to groups only: in a direct message the agent always answers", { details: { field: "requireMention" } });
  }
  if (settings.modelOverride) await assertKnownModel(db, settings.modelOverride, "modelOverride");
  if (before.peerKind === "GROUP" && before.policy === "BLOCKED" && settings.policy !== undefined && settings.policy !== "BLOCKED") await assertGroupRoom(db, actor.tenantId);
  const after = await db.channel.update({ where: { id: before.id }, data: settings });
  return { before, after };
}

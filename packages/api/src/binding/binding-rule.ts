import { AppError } from "@baas/db";
import type { z } from "zod";
import type { Actor, DbLike } from "../lib-app/db-like";
import { findAgent } from "../agent/agent.service";
import type { ruleTargetSchema } from "./binding.schemas";

type Target = z.output<typeof ruleTargetSchema>;

/** The pattern a rule stands for; a chat the tenant has is bound by its row instead. */
export function patternOf(target: Target): string | null {
  if (target.kind === "allGroups") return `${target.provider}:group:*`;
  if (target.kind === "allDms") return `${target.provider}:dm:*`;
  if (target.kind === "person") return `${target.provider}:dm:${target.phone}`;
  return null;
}

/**
 * "Agent X answers …": binds the agent to a chat or a pattern. A target someone else answers
 * moves to this agent (the page says so first): one chat, one agent.
 */
export async function applyRule(db: DbLike, actor: Actor, agentId: string, target: Target) {
  const agent = await findAgent(db, actor, agentId);
  const pattern = patternOf(target);
  if (target.kind === "chat") {
    const ch = await db.channel.findFirst({ where: { id: target.channelId, tenantId: actor.tenantId }, select: { id: true } });
    if (!ch) throw new AppError("NOT_FOUND", "That group or chat is not known here", { details: { field: "target" } });
  }
  const where = target.kind === "chat" ? { channelId: target.channelId } : { pattern };
  const existing = await db.binding.findFirst({ where: { tenantId: actor.tenantId, ...where } });
  if (existing?.agentId === agent.id) return { binding: existing, agent, changed: false };
  if (existing) return { binding: await db.binding.update({ where: { id: existing.id }, data: { agentId: agent.id } }), agent, changed: true };
  const binding = await db.binding.create({
    data: { tenantId: actor.tenantId, agentId: agent.id, channelId: target.kind === "chat" ? target.channelId : null, pattern },
  });
  return { binding, agent, changed: true };
}

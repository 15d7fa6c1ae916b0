import { AppError } from "@baas/db";
import type { z } from "zod";
import type { Actor, DbLike } from "../lib-app/db-like";
import type { rateLimitFieldsSchema } from "./rate-limit.schemas";

/** The tenant's rules (operators' rules on shared upstream accounts are not the tenant's). */
export async function listRateLimits(db: DbLike, actor: Actor) {
  const rules = await db.rateLimitRule.findMany({ where: { tenantId: actor.tenantId, scope: { in: ["TENANT", "AGENT"] } }, orderBy: { createdAt: "asc" } });
  const agents = await db.agent.findMany({ where: { tenantId: actor.tenantId, id: { in: rules.flatMap((r) => (r.targetId ? [r.targetId] : [])) } }, select: { id: true, name: true, emoji: true } });
  const name = new Map(agents.map((a) => [a.id, `${a.emoji ? `${a.emoji} ` : ""}${a.name}`]));
  return rules.map((r) => ({ id: r.id, scope: r.scope, agentId: r.targetId, label: r.scope === "TENANT" ? "Whole team" : (name.get(r.targetId ?? "") ?? "(deleted agent)"), window: r.window, maxRequests: r.maxRequests, maxTokens: r.maxTokens }));
}

export async function createRateLimit(db: DbLike, actor: Actor, f: z.output<typeof rateLimitFieldsSchema>) {
  const targetId = f.scope === "AGENT" ? f.agentId : null;
  if (targetId && !(await db.agent.findFirst({ where: { id: targetId, tenantId: actor.tenantId, archivedAt: null }, select: { id: true } }))) {
    throw new AppError("BAD_REQUEST", "agentId: no such agent", { details: { field: "agentId" } });
  }
  return db.rateLimitRule.create({ data: { tenantId: actor.tenantId, scope: f.scope, targetId, window: f.window, maxRequests: f.maxRequests, maxTokens: f.maxTokens } });
}

export async function deleteRateLimit(db: DbLike, actor: Actor, ruleId: string) {
  const rule = await db.rateLimitRule.findFirst({ where: { id: ruleId, tenantId: actor.tenantId, scope: { in: ["TENANT", "AGENT"] } } });
  if (!rule) throw new AppError("NOT_FOUND", "Rate limit not found");
  await db.rateLimitRule.delete({ where: { id: rule.id } });
  return rule;
}

import { AppError, type Agent } from "@baas/db";
import type { z } from "zod";
import { assertAgentRoom } from "../billing/entitlements";
import { monthCostBy, NO_COST } from "../overview/month-costs";
import type { Actor, DbLike } from "../lib-app/db-like";
import type { agentCreateSchema, agentFieldsSchema } from "./agent.schemas";

type Fields = z.output<typeof agentFieldsSchema>;

/** Enabled models a tenant may pick (the newest price row per model). */
export async function listEnabledModels(db: DbLike) {
  const rows = await db.modelPrice.findMany({
    where: { enabled: true, effectiveFrom: { lte: new Date() }, OR: [{ effectiveTo: null }, { effectiveTo: { gt: new Date() } }] },
    orderBy: [{ model: "asc" }, { effectiveFrom: "desc" }],
    select: { model: true, displayName: true, provider: true, family: true },
  });
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.model) && seen.add(r.model));
}

export async function assertKnownModel(db: DbLike, model: string, field = "model"): Promise<void> {
  const models = await listEnabledModels(db);
  if (!models.some((m) => m.model === model)) {
    throw new AppError("BAD_REQUEST", `${field}: unknown model "${model}"; pick one of ${models.map((m) => m.model).join(", ") || "(none enabled)"}`, {
      details: { field },
    });
  }
}

export async function findAgent(db: DbLike, actor: Actor, agentId: string): Promise<Agent> {
  const agent = await db.agent.findFirst({ where: { id: agentId, tenantId: actor.tenantId, archivedAt: null } });
  if (!agent) throw new AppError("NOT_FOUND", "Agent not found");
  return agent;
}

/**
 * Archiving is how an agent is deleted: it leaves the lists and the config, loses its bindings
 * and is switched off (calls under its id are refused), while its usage stays in the history.
 */
export async function archiveAgent(db: DbLike, actor: Actor, agentId: string) {
  const agent = await findAgent(db, actor, agentId);
  const bindings = await db.binding.deleteMany({ where: { tenantId: actor.tenantId, agentId: agent.id } });
  const res = await db.agent.updateMany({ where: { id: agent.id, archivedAt: null }, data: { archivedAt: new Date(), enabled: false } });
  if (!res.count) throw new AppError("NOT_FOUND", "Agent not found");
  return { agent, bindingsRemoved: bindings.count };
}

function clashMessage(externalId: string, archived: boolean) {
  return archived
    ? `externalId: the archived agent "${externalId}" still holds this id (its usage history is kept); pick another id`
    : `externalId: an agent with id "${externalId}" already exists`;
}

async function assertInstance(db: DbLike, actor: Actor, instanceId: string | null | undefined) {
  if (!instanceId) return;
  const inst = await db.instance.findFirst({ where: { id: instanceId, tenantId: actor.tenantId }, select: { id: true } });
  if (!inst) throw new AppError("NOT_FOUND", "Instance not found");
}

export async function createAgent(db: DbLike, actor: Actor, input: z.output<typeof agentCreateSchema>) {
  await assertKnownModel(db, input.model);
  await assertAgentRoom(db, actor.tenantId);
  await assertInstance(db, actor, input.instanceId);
  const clash = await db.agent.findUnique({ where: { tenantId_externalId: { tenantId: actor.tenantId, externalId: input.externalId } } });
  if (clash) throw new AppError("CONFLICT", clashMessage(input.externalId, Boolean(clash.archivedAt)), { details: { field: "externalId" } });
  const { template: _t, answers: _a, ...fields } = input;
  return db.agent.create({ data: { ...fields, instanceId: input.instanceId ?? null, tenantId: actor.tenantId } });
}

export async function updateAgent(db: DbLike, actor: Actor, agentId: string, fields: Fields) {
  const before = await findAgent(db, actor, agentId);
  if (fields.model !== before.model) await assertKnownModel(db, fields.model);
  const after = await db.agent.update({ where: { id: before.id }, data: fields });
  return { before, after };
}

/** Copies identity, model, prompt and skills under a new id; bindings stay with the original. */
export async function duplicateAgent(db: DbLike, actor: Actor, agentId: string, externalId: string) {
  const src = await findAgent(db, actor, agentId);
  await assertAgentRoom(db, actor.tenantId);
  const clash = await db.agent.findUnique({ where: { tenantId_externalId: { tenantId: actor.tenantId, externalId } } });
  if (clash) throw new AppError("CONFLICT", clashMessage(externalId, Boolean(clash.archivedAt)), { details: { field: "externalId" } });
  return db.agent.create({
    data: {
      tenantId: actor.tenantId,
      instanceId: src.instanceId,
      externalId,
      name: `${src.name} (copy)`.slice(0, 80),
      emoji: src.emoji,
      avatarUrl: src.avatarUrl,
      theme: src.theme,
      model: src.model,
      systemPrompt: src.systemPrompt,
      skills: src.skills,
      mentionPatterns: src.mentionPatterns,
    },
  });
}

/** Online = the plugin heartbeat (agent or its instance) within the last 3 minutes. */
export const ONLINE_WINDOW_MS = 3 * 60_000;

export async function listAgents(db: DbLike, actor: Actor, now = new Date()) {
  const costs = await monthCostBy(db, actor.tenantId, "agentKey", now);
  const agents = await db.agent.findMany({
    where: { tenantId: actor.tenantId, archivedAt: null },
    orderBy: { externalId: "asc" },
    include: { instance: { select: { id: true, name: true, lastSeenAt: true } }, _count: { select: { bindings: true } } },
  });
  const at = now.getTime();
  return agents.map((a) => {
    const seen = Math.max(a.lastSeenAt?.getTime() ?? 0, a.instance?.lastSeenAt?.getTime() ?? 0);
    return { ...a, online: seen > 0 && at - seen < ONLINE_WINDOW_MS, lastSeen: seen ? new Date(seen) : null, cost: costs.get(a.id) ?? NO_COST };
  });
}

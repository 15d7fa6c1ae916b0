import { AppError } from "@baas/db";
import type { z } from "zod";
import type { Actor, DbLike } from "../lib-app/db-like";
import { findAgent } from "../agent/agent.service";
import type { bindingCreateSchema } from "./binding.schemas";
import { channelName } from "../channel/channel-label";
import { patternPhrase } from "../config-revision/describe-change";

const patternWords = (p: string) => patternPhrase(p);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

async function findChannel(db: DbLike, actor: Actor, channelId: string) {
  const ch = await db.channel.findFirst({ where: { id: channelId, tenantId: actor.tenantId } });
  if (!ch) throw new AppError("NOT_FOUND", "Group not found");
  return ch;
}

export async function createBinding(db: DbLike, actor: Actor, input: z.output<typeof bindingCreateSchema>) {
  const agent = await findAgent(db, actor, input.agentId);
  if (input.channelId) {
    const ch = await findChannel(db, actor, input.channelId);
    const dup = await db.binding.findFirst({ where: { tenantId: actor.tenantId, channelId: ch.id }, include: { agent: true } });
    if (dup) {
      throw new AppError("CONFLICT", `${channelName(ch)} is already answered by ${dup.agent.name}; change who answers there instead`, {
        details: { field: "channelId", bindingId: dup.id },
      });
    }
  } else if (input.pattern) {
    const dup = await db.binding.findFirst({ where: { tenantId: actor.tenantId, pattern: input.pattern }, include: { agent: true } });
    if (dup) {
      throw new AppError("CONFLICT", `${upperFirst(patternWords(input.pattern))} is already answered by ${dup.agent.name}`, { details: { field: "pattern", bindingId: dup.id } });
    }
  }
  return db.binding.create({
    data: { tenantId: actor.tenantId, agentId: agent.id, channelId: input.channelId ?? null, pattern: input.pattern ?? null, priority: input.priority ?? 0 },
  });
}

export async function findBinding(db: DbLike, actor: Actor, bindingId: string) {
  const b = await db.binding.findFirst({ where: { id: bindingId, tenantId: actor.tenantId } });
  if (!b) throw new AppError("NOT_FOUND", "Binding not found");
  return b;
}

export async function reassignBinding(db: DbLike, actor: Actor, bindingId: string, agentId: string) {
  const before = await findBinding(db, actor, bindingId);
  const agent = await findAgent(db, actor, agentId);
  const from = await db.agent.findUnique({ where: { id: before.agentId }, select: { externalId: true } });
  const after = await db.binding.update({ where: { id: before.id }, data: { agentId: agent.id } });
  // The audit log shows agent ids people know ("lobo → aguia"), not row ids.
  return { before: { ...before, agent: from?.externalId }, after: { ...after, agent: agent.externalId }, agent };
}

export interface BindingIssue {
  kind: "unbound" | "disabled-agent" | "instance-mismatch" | "blocked-group" | "shadowed-pattern";
  /** English sentence (logs, API clients); pages word it from the fields below in the reader's language. */
  message: string;
  channelId?: string;
  bindingId?: string;
  /** The chat's name, when the issue is about one chat. */
  chatName?: string;
  /** The rule's pattern, when the issue is about a rule for many chats. */
  pattern?: string;
  agentName?: string;
}

/** Everything the bindings page shows: bindings, groups nobody answers, and routes that will not work. */
export async function bindingOverview(db: DbLike, actor: Actor) {
  const [bindings, channels] = await Promise.all([
    db.binding.findMany({
      where: { tenantId: actor.tenantId },
      orderBy: [{ priority: "desc" }, { createdAt: "asc" }],
      include: {
        agent: { select: { id: true, externalId: true, name: true, emoji: true, enabled: true, instanceId: true } },
        channel: { select: { id: true, name: true, externalId: true, provider: true, peerKind: true, policy: true, instanceId: true } },
      },
    }),
    db.channel.findMany({ where: { tenantId: actor.tenantId }, select: { id: true, name: true, externalId: true, provider: true, peerKind: true } }),
  ]);
  const issues: BindingIssue[] = [];
  const bound = new Set(bindings.map((b) => b.channelId).filter(Boolean));
  for (const c of channels) {
    if (!bound.has(c.id) && c.peerKind === "GROUP") {
      issues.push({ kind: "unbound", channelId: c.id, chatName: channelName(c), message: `${channelName(c)} has no agent: nobody answers there` });
    }
  }
  for (const b of bindings) {
    const where = b.channel ? channelName(b.channel) : patternWords(b.pattern ?? "");
    const about = { bindingId: b.id, agentName: b.agent.name, ...(b.channel ? { chatName: channelName(b.channel) } : { pattern: b.pattern ?? "" }) };
    if (!b.agent.enabled) issues.push({ kind: "disabled-agent", ...about, message: `${where} routes to ${b.agent.name}, which is switched off` });
    if (b.channel?.policy === "BLOCKED") issues.push({ kind: "blocked-group", ...about, message: `${where} is blocked, so its binding has no effect` });
    if (b.channel?.instanceId && b.agent.instanceId && b.channel.instanceId !== b.agent.instanceId) {
      issues.push({ kind: "instance-mismatch", ...about, message: `${where} is on another bot than ${b.agent.name}` });
    }
  }
  return { bindings, issues, unboundChannelIds: channels.filter((c) => !bound.has(c.id)).map((c) => c.id) };
}

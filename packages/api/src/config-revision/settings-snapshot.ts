import { z } from "zod";
import type { Prisma } from "@baas/db";
import type { Actor, DbLike } from "../lib-app/db-like";
import type { Rows } from "./build-config";

/**
 * The saved settings a revision was composed from. The config fragment alone is not enough to
 * restore them: it leaves out system prompts, skills and per-group model overrides, merges agent
 * and group mention patterns, and drops blocked groups. So each revision stores this next to it.
 */
const agentSettings = z.object({
  id: z.string(),
  externalId: z.string(),
  name: z.string(),
  emoji: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  theme: z.string().nullable(),
  model: z.string().nullable(),
  systemPrompt: z.string().nullable(),
  skills: z.array(z.string()),
  mentionPatterns: z.array(z.string()),
  enabled: z.boolean(),
});
const channelSettings = z.object({
  id: z.string(),
  requireMention: z.boolean(),
  mentionPatterns: z.array(z.string()),
  modelOverride: z.string().nullable(),
  policy: z.enum(["OPEN", "ALLOWLIST", "BLOCKED"]),
  allowFrom: z.array(z.string()),
});
const bindingSettings = z.object({
  id: z.string(),
  agentId: z.string(),
  channelId: z.string().nullable(),
  pattern: z.string().nullable(),
  priority: z.number().int(),
  // Binding order in the fragment follows creation time: kept so the restored config hashes the same.
  createdAt: z.iso.datetime(),
});
export const settingsSnapshotSchema = z.object({
  v: z.literal(1),
  /** An explicit re-publish or first config: a change of its own that later edits do not fold into. */
  sealed: z.boolean().optional(),
  tenant: z.object({ dmPolicy: z.enum(["PAIRING", "ALLOWLIST", "OPEN", "DISABLED"]), groupPolicy: z.enum(["OPEN", "ALLOWLIST", "DISABLED"]) }),
  agents: z.array(agentSettings),
  channels: z.array(channelSettings),
  bindings: z.array(bindingSettings),
});
export type SettingsSnapshot = z.infer<typeof settingsSnapshotSchema>;

const pick = <T extends object, K extends keyof T>(o: T, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
const AGENT_KEYS = ["name", "emoji", "avatarUrl", "theme", "model", "systemPrompt", "skills", "mentionPatterns", "enabled"] as const;
const CHANNEL_KEYS = ["requireMention", "mentionPatterns", "modelOverride", "policy", "allowFrom"] as const;

/** Pure: the snapshot of the rows a config was just composed from. */
export function snapshotSettings(rows: Rows): SettingsSnapshot {
  return {
    v: 1,
    tenant: { dmPolicy: rows.tenant.dmPolicy, groupPolicy: rows.tenant.groupPolicy },
    agents: rows.agents.map((a) => ({ id: a.id, externalId: a.externalId, ...pick(a, AGENT_KEYS) })),
    channels: rows.channels.map((c) => ({ id: c.id, ...pick(c, CHANNEL_KEYS) })),
    bindings: rows.bindings.map((b) => ({ ...pick(b, ["id", "agentId", "channelId", "pattern", "priority"] as const), createdAt: b.createdAt.toISOString() })),
  };
}

export function parseSnapshot(value: unknown): SettingsSnapshot | null {
  const parsed = settingsSnapshotSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export const snapshotJson = (s: SettingsSnapshot) => s as unknown as Prisma.InputJsonValue;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Writes the snapshot back onto the tenant's rows (inside the caller's transaction). Agents created
 * since are disabled (they were not in that config); groups reported since keep their settings
 * (inventory is not a saved setting); rows deleted since stay deleted. Returns what changed.
 */
export async function restoreSettings(db: DbLike, actor: Actor, snap: SettingsSnapshot) {
  const tenantId = actor.tenantId;
  const [agents, channels, tenant] = await Promise.all([
    // An archived agent stays archived: a rollback does not bring it back.
    db.agent.findMany({ where: { tenantId, archivedAt: null }, orderBy: { externalId: "asc" } }),
    db.channel.findMany({ where: { tenantId }, orderBy: [{ name: "asc" }, { externalId: "asc" }] }),
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { dmPolicy: true, groupPolicy: true } }),
  ]);
  const changed = { policies: !same(tenant, snap.tenant), agents: [] as string[], channels: [] as string[], bindings: 0 };
  if (changed.policies) await db.tenant.update({ where: { id: tenantId }, data: snap.tenant });
  const agentSnap = new Map(snap.agents.map((a) => [a.id, a]));
  for (const agent of agents) {
    const want = agentSnap.get(agent.id);
    const data = want ? pick(want, AGENT_KEYS) : { enabled: false };
    if (same(pick(agent, want ? AGENT_KEYS : (["enabled"] as const)), data)) continue;
    await db.agent.update({ where: { id: agent.id }, data });
    changed.agents.push(agent.externalId);
  }
  const channelSnap = new Map(snap.channels.map((c) => [c.id, c]));
  for (const ch of channels) {
    const want = channelSnap.get(ch.id);
    if (!want || same(pick(ch, CHANNEL_KEYS), pick(want, CHANNEL_KEYS))) continue;
    await db.channel.update({ where: { id: ch.id }, data: pick(want, CHANNEL_KEYS) });
    changed.channels.push(ch.name ?? ch.externalId);
  }
  changed.bindings = await restoreBindings(db, tenantId, snap, new Set(agents.map((a) => a.id)), new Set(channels.map((c) => c.id)));
  return changed;
}

/** Replaces the tenant's bindings with the snapshot's (ids and order kept); returns how many differed. */
async function restoreBindings(db: DbLike, tenantId: string, snap: SettingsSnapshot, agentIds: Set<string>, channelIds: Set<string>) {
  const current = await db.binding.findMany({ where: { tenantId }, orderBy: { id: "asc" } });
  const wanted = snap.bindings
    .filter((b) => agentIds.has(b.agentId) && (b.channelId === null || channelIds.has(b.channelId)))
    .sort((a, b) => a.id.localeCompare(b.id));
  const key = (b: { id: string; agentId: string; channelId: string | null; pattern: string | null; priority: number }) => `${b.id}|${b.agentId}|${b.channelId}|${b.pattern}|${b.priority}`;
  const now = new Set(current.map(key));
  const want = new Set(wanted.map(key));
  const differing = wanted.filter((b) => !now.has(key(b))).length + current.filter((b) => !want.has(key(b))).length;
  if (differing === 0) return 0;
  // Delete then recreate: swapping two groups' agents would otherwise trip the unique (tenant, channel).
  await db.binding.deleteMany({ where: { tenantId } });
  await db.binding.createMany({ data: wanted.map((b) => ({ ...b, tenantId, createdAt: new Date(b.createdAt) })) });
  return differing;
}

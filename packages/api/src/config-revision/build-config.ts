import type { Agent, Binding, Channel, Tenant } from "@baas/db";
import { AppError } from "@baas/db";
import type { DbLike } from "../lib-app/db-like";
import { AGENT_ID_PATTERN, clawdbotConfigSchema, type ClawdbotConfig } from "./clawdbot-config.schema";

const peerKindMap = { GROUP: "group", DM: "direct", CHANNEL: "channel" } as const;
const dmPolicyMap = { PAIRING: "pairing", ALLOWLIST: "allowlist", OPEN: "open", DISABLED: "disabled" } as const;
const groupPolicyMap = { OPEN: "open", ALLOWLIST: "allowlist", DISABLED: "disabled" } as const;

/** "whatsapp:dm:*" / "whatsapp:group:1203…@g.us" → a binding match. */
export const BINDING_PATTERN = /^([a-z][a-z0-9_-]*):(dm|group|channel):(\*|[^\s:*]+)$/;

export function parsePattern(pattern: string): { channel: string; peer?: { kind: "direct" | "group" | "channel"; id: string } } | null {
  const m = BINDING_PATTERN.exec(pattern);
  if (!m) return null;
  const [, channel, kind, id] = m as unknown as [string, string, "dm" | "group" | "channel", string];
  if (id === "*") return { channel };
  return { channel, peer: { kind: kind === "dm" ? "direct" : kind, id } };
}

export interface Rows {
  tenant: Tenant;
  agents: Agent[];
  channels: Channel[];
  bindings: Binding[];
}

function agentEntry(agent: Agent, groupPatterns: string[]) {
  const patterns = [...new Set([...agent.mentionPatterns, ...groupPatterns])];
  return {
    identity: {
      name: agent.name,
      ...(agent.emoji ? { emoji: agent.emoji } : {}),
      ...(agent.avatarUrl ? { avatar: agent.avatarUrl } : {}),
      ...(agent.theme ? { theme: agent.theme } : {}),
    },
    ...(agent.model ? { model: `baas/${agent.model}` } : {}),
    ...(patterns.length ? { groupChat: { mentionPatterns: patterns } } : {}),
  };
}

/** Pure: the fragment for one instance from the tenant's rows (agents/channels without an instance go everywhere). */
export function composeConfig(rows: Rows, instanceId: string): ClawdbotConfig {
  const mine = <T extends { instanceId: string | null }>(r: T) => r.instanceId === null || r.instanceId === instanceId;
  // An agent whose id the host's config cannot hold (a row from before ids were checked at the
  // edge) is left out rather than making every save of the tenant fail.
  const agents = rows.agents.filter((a) => a.enabled && !a.archivedAt && mine(a) && AGENT_ID_PATTERN.test(a.externalId));
  const channels = rows.channels.filter(mine);
  const agentById = new Map(agents.map((a) => [a.id, a]));
  const channelById = new Map(channels.map((c) => [c.id, c]));
  const bindings: ClawdbotConfig["bindings"] = [];
  const groupPatternsByAgent = new Map<string, string[]>();
  const sorted = [...rows.bindings].sort((a, b) => b.priority - a.priority || a.createdAt.getTime() - b.createdAt.getTime());
  for (const b of sorted) {
    const agent = agentById.get(b.agentId);
    if (!agent) continue;
    if (b.channelId) {
      const ch = channelById.get(b.channelId);
      if (!ch || ch.policy === "BLOCKED") continue;
      bindings.push({ agentId: agent.externalId, match: { channel: ch.provider, peer: { kind: peerKindMap[ch.peerKind], id: ch.externalId } } });
      if (ch.mentionPatterns.length) groupPatternsByAgent.set(agent.id, [...(groupPatternsByAgent.get(agent.id) ?? []), ...ch.mentionPatterns]);
    } else if (b.pattern) {
      const match = parsePattern(b.pattern);
      if (match) bindings.push({ agentId: agent.externalId, match });
    }
  }
  const entries: ClawdbotConfig["agents"]["entries"] = {};
  for (const a of agents) entries[a.externalId] = agentEntry(a, groupPatternsByAgent.get(a.id) ?? []);
  return {
    agents: { ...(agents.length > 1 ? { ownership: "explicit" as const } : {}), entries },
    bindings,
    channels: composeChannels(rows.tenant, channels),
  };
}

function composeChannels(tenant: Tenant, channels: Channel[]): ClawdbotConfig["channels"] {
  const providers = new Set(["whatsapp", ...channels.map((c) => c.provider)]);
  const out: ClawdbotConfig["channels"] = {};
  for (const provider of providers) {
    const groups: Record<string, { requireMention: boolean }> = {};
    const own = channels.filter((c) => c.provider === provider && c.peerKind === "GROUP");
    for (const c of own) if (c.policy !== "BLOCKED") groups[c.externalId] = { requireMention: c.requireMention };
    // A blocked group can only be kept out when the groups map acts as the allowlist.
    const anyBlocked = own.some((c) => c.policy === "BLOCKED");
    const groupPolicy = tenant.groupPolicy === "OPEN" && anyBlocked ? "allowlist" : groupPolicyMap[tenant.groupPolicy];
    out[provider] = { dmPolicy: dmPolicyMap[tenant.dmPolicy], groupPolicy, groups };
  }
  return out;
}

export async function loadRows(db: DbLike, tenantId: string): Promise<Rows> {
  const [tenant, agents, channels, bindings] = await Promise.all([
    db.tenant.findUnique({ where: { id: tenantId } }),
    db.agent.findMany({ where: { tenantId }, orderBy: { externalId: "asc" } }),
    db.channel.findMany({ where: { tenantId }, orderBy: [{ provider: "asc" }, { externalId: "asc" }] }),
    db.binding.findMany({ where: { tenantId } }),
  ]);
  if (!tenant) throw new AppError("NOT_FOUND", "Tenant not found");
  return { tenant, agents, channels, bindings };
}

/** Validates against Clawdbot's rules; a fragment that fails is never offered. */
export function validateConfig(config: unknown): ClawdbotConfig {
  const parsed = clawdbotConfigSchema.safeParse(config);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError("BAD_REQUEST", `The resulting Clawdbot config is invalid: ${first?.path.join(".")}: ${first?.message}`, {
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
    });
  }
  return parsed.data;
}

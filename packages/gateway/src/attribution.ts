import type { Db } from "@baas/db";
import { INSTANCE_AGENT_ID, parseSessionKey } from "@baas/protocol";
import type { CallContext } from "./types";

export interface Attribution {
  agentExternalId: string;
  /** null for INSTANCE_AGENT_ID: the instance's own tasks. */
  agentId: string | null;
  agentEnabled: boolean;
  channelId: string | null;
  channelLabel: string | null;
  channelBlocked: boolean;
  modelOverride: string | null;
}

interface AgentRow {
  id: string;
  enabled: boolean;
}
interface ChannelRow {
  id: string;
  blocked: boolean;
  modelOverride: string | null;
}

const PEER = { group: "GROUP", dm: "DM", channel: "CHANNEL" } as const;

/**
 * Tenant → agent → channel for a call. Unseen agents and channels are created on first sight
 * (named later by the plugin's inventory); rows are cached so the hot path does not query.
 */
export class Attributor {
  private agents = new Map<string, { row: Promise<AgentRow>; at: number }>();
  private channels = new Map<string, { row: Promise<ChannelRow>; at: number }>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  async resolve(tenantId: string, instanceId: string | null, ctx: CallContext): Promise<Attribution> {
    const parsed = ctx.sessionKey ? parseSessionKey(ctx.sessionKey) : null;
    const agentExternalId = (ctx.agentId || parsed?.agentId || "main").toLowerCase();
    const provider = (ctx.channel ?? parsed?.channel ?? null)?.toLowerCase() ?? null;
    const peerKind = ctx.peerKind ?? parsed?.peerKind ?? null;
    const peerId = ctx.peerId ?? parsed?.peerId ?? null;
    const [agent, channel] = await Promise.all([
      agentExternalId === INSTANCE_AGENT_ID ? { id: null, enabled: true } : this.agent(tenantId, instanceId, agentExternalId),
      provider && peerKind && peerId ? this.channel(tenantId, instanceId, provider, peerKind, peerId) : null,
    ]);
    return {
      agentExternalId,
      agentId: agent.id,
      agentEnabled: agent.enabled,
      channelId: channel?.id ?? null,
      channelLabel: provider && peerKind ? `${provider} ${peerKind}` : null,
      channelBlocked: channel?.blocked ?? false,
      modelOverride: channel?.modelOverride ?? null,
    };
  }

  private cached<T>(map: Map<string, { row: Promise<T>; at: number }>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = map.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.row;
    const row = load();
    if (map.size > 50_000) map.clear();
    map.set(key, { row, at: this.now() });
    row.catch(() => map.delete(key));
    return row;
  }

  private agent(tenantId: string, instanceId: string | null, externalId: string): Promise<AgentRow> {
    return this.cached(this.agents, `${tenantId}\u0000${externalId}`, async () => {
      return onceMoreOnConflict(() =>
        this.db.agent.upsert({
          where: { tenantId_externalId: { tenantId, externalId } },
          create: { tenantId, instanceId, externalId, name: externalId, lastSeenAt: new Date(this.now()) },
          update: {},
          select: { id: true, enabled: true },
        }),
      );
    });
  }

  private channel(tenantId: string, instanceId: string | null, provider: string, kind: keyof typeof PEER, externalId: string): Promise<ChannelRow> {
    const peerKind = PEER[kind];
    return this.cached(this.channels, `${tenantId}\u0000${provider}\u0000${peerKind}\u0000${externalId}`, async () => {
      const row = await onceMoreOnConflict(() =>
        this.db.channel.upsert({
          where: { tenantId_provider_peerKind_externalId: { tenantId, provider, peerKind, externalId } },
          create: { tenantId, instanceId, provider, peerKind, externalId, lastSeenAt: new Date(this.now()) },
          update: {},
          select: { id: true, policy: true, modelOverride: true },
        }),
      );
      return { id: row.id, blocked: row.policy === "BLOCKED", modelOverride: row.modelOverride };
    });
  }
}

/**
 * Prisma runs an upsert on a compound key as find-then-create: two processes meeting the same new
 * agent or chat at once both create, and one fails on the unique key. The row exists then: once more.
 */
async function onceMoreOnConflict<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if ((e as { code?: unknown }).code !== "P2002") throw e;
    return fn();
  }
}

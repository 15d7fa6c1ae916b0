import type { InventoryReport } from "./control-plane";
import { configuredModelRef } from "./model-map";

/** Agents and groups the host knows: from its config plus every session seen in a turn. */
export function collectInventory(hostConfig: unknown, seen: Iterable<InventoryReport["channels"][number]>): InventoryReport {
  const cfg = (hostConfig ?? {}) as {
    agents?: { entries?: Record<string, { identity?: { name?: string; emoji?: string } }>; list?: Array<{ id?: string; identity?: { name?: string; emoji?: string } }> };
    channels?: Record<string, { groups?: Record<string, unknown> }>;
  };
  const agents: InventoryReport["agents"] = [];
  for (const [id, a] of Object.entries(cfg.agents?.entries ?? {})) {
    agents.push({ externalId: id.toLowerCase(), name: a.identity?.name ?? null, emoji: a.identity?.emoji ?? null, model: configuredModelRef(hostConfig, id) });
  }
  for (const a of cfg.agents?.list ?? []) {
    if (a.id) agents.push({ externalId: a.id.toLowerCase(), name: a.identity?.name ?? null, emoji: a.identity?.emoji ?? null, model: configuredModelRef(hostConfig, a.id) });
  }
  const channels = new Map<string, InventoryReport["channels"][number]>();
  for (const [provider, ch] of Object.entries(cfg.channels ?? {})) {
    for (const jid of Object.keys(ch?.groups ?? {})) {
      if (jid !== "*") channels.set(`${provider}|group|${jid}`, { provider, peerKind: "group", externalId: jid, name: null });
    }
  }
  for (const c of seen) {
    const key = `${c.provider}|${c.peerKind}|${c.externalId}`;
    channels.set(key, { ...channels.get(key), ...c, name: c.name ?? channels.get(key)?.name ?? null });
  }
  return { agents, channels: [...channels.values()] };
}

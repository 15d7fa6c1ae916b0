/**
 * Legacy Clawdbot (2026.1.x): no provider stream hooks and no hook that can block a turn. The
 * host itself calls the relay (models.providers.baas.baseUrl = http://127.0.0.1:<relayPort>,
 * apiKey = relayKey); before_agent_start prepends a turn marker so the relay can attribute
 * each call; rejections come back as a synthetic assistant answer (never 402/429).
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { createControlPlane, type InventoryReport } from "./control-plane";
import type { HostHookContext, HostPluginApi, HostServiceContext } from "./host-types";
import { collectInventory } from "./inventory";
import { encodeMarker } from "./marker";
import { agentSelected, type PluginConfig } from "./plugin-config";
import { startRelay, type Relay } from "./relay";
import { Reporter } from "./reporter";
import { parseSessionKey } from "@baas/protocol";
import { UsageSpool } from "./spool";

/** Clawdbot still has registerHttpHandler and lacks mutateConfigFile; OpenClaw is the reverse. */
export function isLegacyHost(api: HostPluginApi): boolean {
  return typeof (api as unknown as { registerHttpHandler?: unknown }).registerHttpHandler === "function"
    && typeof api.runtime.config?.mutateConfigFile !== "function";
}

export function registerLegacy(api: HostPluginApi, config: PluginConfig, version: string): void {
  const log = (m: string) => api.logger.info(`[baas] ${m}`);
  const controlPlane = createControlPlane({ url: config.gatewayUrl, instanceKey: config.instanceKey });
  const seen = new Map<string, InventoryReport["channels"][number]>();
  const hostConfig = () => api.runtime.config?.loadConfig?.() ?? api.config;

  api.on("before_agent_start", (_event: unknown, ctx: HostHookContext) => {
    // ctx.agentId is always "agent" in Clawdbot 2026.1.24: the session key is the truth.
    const parsed = parseSessionKey(ctx.sessionKey);
    if (!parsed || !ctx.sessionKey || !agentSelected(config, parsed.agentId)) return undefined;
    if (parsed.channel && parsed.peerKind && parsed.peerId) {
      seen.set(`${parsed.channel}|${parsed.peerKind}|${parsed.peerId}`, { provider: parsed.channel, peerKind: parsed.peerKind, externalId: parsed.peerId });
    }
    return { prependContext: encodeMarker({ sk: ctx.sessionKey, turn: randomUUID() }) };
  });

  let relay: Relay | null = null;
  let reporter: Reporter | null = null;
  api.registerService({
    id: "baas-relay",
    start: async (ctx: HostServiceContext) => {
      const dir = join(ctx.stateDir ?? ".", "plugins", "baas");
      const spool = new UsageSpool(join(dir, "usage-spool.jsonl"));
      relay = await startRelay({ controlPlane, config, spool: () => spool, log, port: config.relayPort, staticKey: config.relayKey });
      reporter = new Reporter({
        controlPlane, spool, configSync: null, hostKind: "CLAWDBOT",
        heartbeatSec: config.heartbeatSec, configPollMs: config.configPollMs, spoolReplaySec: config.spoolReplaySec,
        hostVersion: (api.runtime as { version?: string }).version, pluginVersion: version,
        inventory: () => collectInventory(hostConfig(), seen.values()),
        log,
      });
      reporter.start();
      log(`legacy relay on ${relay.url} (point models.providers.baas.baseUrl here)`);
    },
    stop: async () => {
      reporter?.stop();
      await relay?.close();
    },
  });
  log(`Clawdbot mode: routing ${config.agents === "all" ? "all agents" : config.agents.join(", ")} through ${new URL(config.gatewayUrl).origin} (${config.failMode})`);
}

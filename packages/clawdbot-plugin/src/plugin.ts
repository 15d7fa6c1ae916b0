/**
 * OpenClaw entry: wires the provider, the hooks, the relay and the background service.
 * Everything heavy (relay server, spool file) starts lazily on first use, so `agent --local`
 * runs (where services never start) still route through BaaS.
 */
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { streamSimple } from "openclaw/plugin-sdk/llm";
import { ConfigSync, type ConfigWriter } from "./config-sync";
import { createControlPlane, type InventoryReport } from "./control-plane";
import { gateTurn, resolveModel, type HookDeps } from "./hooks";
import type { HostPluginApi, HostServiceContext } from "./host-types";
import { collectInventory } from "./inventory";
import { isLegacyHost, registerLegacy } from "./legacy";
import { OPENAI_PROVIDER_ID, PROVIDER_ID } from "./model-map";
import { provisionProviderEntry } from "./provision";
import { parsePluginConfig, type PluginConfig } from "./plugin-config";
import { startRelay, type Relay } from "./relay";
import { Reporter } from "./reporter";
import { RunContextStore } from "./run-context";
import { UsageSpool } from "./spool";
import { createRelayStreamFn, dynamicModel } from "./transport";
import { promptKey } from "./utility-attribution";
import { routeUtilityModels } from "./utility-models";

declare const __PLUGIN_VERSION__: string | undefined;
export const PLUGIN_VERSION = typeof __PLUGIN_VERSION__ === "string" ? __PLUGIN_VERSION__ : "0.0.0-dev";

export function register(api: HostPluginApi): void {
  const log = (m: string) => api.logger.info(`[baas] ${m}`);
  const parsed = parsePluginConfig(api.pluginConfig);
  if (!parsed.ok) {
    api.logger.error(`[baas] plugin disabled, invalid config: ${parsed.error}`);
    return;
  }
  const config = parsed.config;
  if (isLegacyHost(api)) return registerLegacy(api, config, PLUGIN_VERSION);
  const controlPlane = createControlPlane({ url: config.gatewayUrl, instanceKey: config.instanceKey });
  const runs = new RunContextStore();
  const hostConfig = () => api.runtime.config?.current?.() ?? api.runtime.config?.loadConfig?.() ?? api.config;
  let stateDir: string | null = null;
  const dir = () => join(stateDir ?? api.runtime.state?.resolveStateDir?.() ?? tmpdir(), "plugins", "baas");
  let spool: UsageSpool | null = null;
  const getSpool = () => (spool ??= new UsageSpool(join(dir(), "usage-spool.jsonl")));

  const seen = new Map<string, InventoryReport["channels"][number]>();
  const onUsage = () => undefined;
  // A recap quotes the session's answers as well as its messages (utility-attribution.ts).
  const onAnswer = (context: { runId?: string }, text: string) => runs.setPromptKey(context.runId, promptKey(text), "answerKey");
  let relay: Promise<Relay> | null = null;
  const getRelay = () =>
    (relay ??= startRelay({ controlPlane, config, spool: getSpool, log, onUsage, onAnswer }).then((r) => {
      log(`relay listening on ${r.url}`);
      return r;
    }));

  const transport = { runs, relay: getRelay, streamSimple };
  // One provider per wire format the relay speaks: Anthropic Messages and OpenAI Chat Completions.
  for (const [id, wire, label] of [[PROVIDER_ID, "anthropic", "BaaS gateway"], [OPENAI_PROVIDER_ID, "openai", "BaaS gateway (OpenAI models)"]] as const) {
    api.registerProvider({
      id,
      label,
      auth: [],
      createStreamFn: () => createRelayStreamFn(transport, undefined, wire),
      wrapStreamFn: (ctx: { agentId?: string }) => createRelayStreamFn(transport, ctx.agentId, wire),
      resolveDynamicModel: (ctx: { modelId: string }) => dynamicModel(ctx.modelId, wire),
    });
  }

  // Provider entries and utility-model routing, checked at service start and again before each
  // turn (any process that runs turns): a config edited by hand or by another tool is put back on
  // BaaS before the recap that follows the turn. A no-op, without a write, when nothing is missing.
  let provisioning: Promise<void> | null = null;
  const ensureProvisioned = () => {
    if (provisioning) return;
    provisioning = provisionProviderEntry(api, hostConfig(), config.agents, log)
      .catch((e: unknown) => api.logger.warn(`[baas] could not update the host config for ${PROVIDER_ID}/${OPENAI_PROVIDER_ID}: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => (provisioning = null));
  };

  const hookDeps: HookDeps = { runs, controlPlane, config, hostConfig, log };
  const remember = (_e: unknown, ctx: Parameters<typeof gateTurn>[1]) => {
    const info = runs.remember(ctx);
    const c = info?.context;
    if (!c?.channel || !c.peerKind || !c.peerId) return;
    const chat = ctx.channelContext?.chat;
    const name = chat?.title ?? chat?.subject ?? chat?.name ?? seen.get(`${c.channel}|${c.peerKind}|${c.peerId}`)?.name ?? null;
    seen.set(`${c.channel}|${c.peerKind}|${c.peerId}`, { provider: c.channel, peerKind: c.peerKind, externalId: c.peerId, name });
  };
  api.on("before_agent_reply", async (e, ctx) => {
    remember(e, ctx);
    runs.setPromptKey(ctx.runId, promptKey((e as { cleanedBody?: unknown } | undefined)?.cleanedBody));
    ensureProvisioned();
    return gateTurn(hookDeps, ctx);
  });
  api.on("before_model_resolve", (e, ctx) => {
    remember(e, ctx);
    return resolveModel(hookDeps, ctx);
  });
  api.on("before_agent_run", (e, ctx) => {
    remember(e, ctx);
    return undefined;
  });

  let reporter: Reporter | null = null;
  api.registerService({
    id: "baas-reporter",
    start: (ctx: HostServiceContext) => {
      if (ctx.stateDir) stateDir = ctx.stateDir;
      const write = hostWriter(api, config.agents);
      const configSync = config.configSync && write
        ? new ConfigSync({ controlPlane, write, stateFile: join(dir(), "config-sync.json"), log })
        : null;
      reporter = new Reporter({
        controlPlane,
        spool: getSpool(),
        configSync,
        heartbeatSec: config.heartbeatSec,
        configPollMs: config.configPollMs,
        spoolReplaySec: config.spoolReplaySec,
        hostVersion: api.runtime.version,
        pluginVersion: PLUGIN_VERSION,
        inventory: () => collectInventory(hostConfig(), seen.values()),
        log,
      });
      reporter.start();
      void getRelay();
      ensureProvisioned();
    },
    stop: async () => {
      reporter?.stop();
      if (relay) await (await relay).close();
      relay = null;
    },
  });
  log(`routing ${config.agents === "all" ? "all agents" : config.agents.join(", ")} through ${new URL(config.gatewayUrl).origin} (${config.failMode})`);
}

/** OpenClaw's mutateConfigFile (hot reload, no restart) as a ConfigWriter. */
function hostWriter(api: HostPluginApi, selected: PluginConfig["agents"]): ConfigWriter | null {
  const mutateConfigFile = api.runtime.config?.mutateConfigFile;
  if (!mutateConfigFile) return null;
  return async (mutate) => {
    let after: unknown;
    const r = await mutateConfigFile({
      afterWrite: { mode: "auto" },
      mutate: (draft) => {
        mutate(draft);
        // A revision may add agents or change their models: their utility calls stay on BaaS.
        routeUtilityModels(draft, selected);
        after = draft;
      },
    });
    return { hostHash: r.persistedHash ?? createHash("sha256").update(JSON.stringify(after ?? {})).digest("hex") };
  };
}

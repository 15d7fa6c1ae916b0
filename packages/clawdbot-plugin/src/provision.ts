import type { HostPluginApi } from "./host-types";
import { OPENAI_PROVIDER_ID, PROVIDER_ID } from "./model-map";
import type { PluginConfig } from "./plugin-config";
import { routeUtilityModels } from "./utility-models";

/**
 * The host resolves a credential for every provider before calling its transport, and only
 * looks in models.providers for plugin providers. Writing our entry once (if the operator has
 * not) keeps installation at "install + one plugin config entry". The key is a placeholder:
 * the transport always replaces it with the relay's per-process token.
 */
export const PROVIDER_ENTRY = { baseUrl: "http://127.0.0.1:9", api: "anthropic-messages", apiKey: "baas-relay", models: [] as unknown[] };
export const OPENAI_PROVIDER_ENTRY = { baseUrl: "http://127.0.0.1:9/v1", api: "openai-completions", apiKey: "baas-relay", models: [] as unknown[] };
export const PROVIDER_ENTRIES: Record<string, typeof PROVIDER_ENTRY> = { [PROVIDER_ID]: PROVIDER_ENTRY, [OPENAI_PROVIDER_ID]: OPENAI_PROVIDER_ENTRY };

/** The plugin provider ids the host config lacks an entry for. */
export function missingProviderEntries(hostConfig: unknown): string[] {
  const providers = (hostConfig as { models?: { providers?: Record<string, unknown> } } | undefined)?.models?.providers;
  return Object.keys(PROVIDER_ENTRIES).filter((id) => !providers?.[id]);
}

export function needsProviderEntry(hostConfig: unknown): boolean {
  return missingProviderEntries(hostConfig).length > 0;
}

/**
 * Run at service start: adds the plugin's provider entries the host config lacks and routes the
 * utility models (recaps, titles) through BaaS (utility-models.ts), in one config write, only
 * when something is missing.
 */
export async function provisionProviderEntry(api: HostPluginApi, hostConfig: unknown, selected: PluginConfig["agents"], log: (m: string) => void): Promise<void> {
  const mutate = api.runtime.config?.mutateConfigFile;
  const missing = missingProviderEntries(hostConfig);
  const utility = routeUtilityModels(structuredClone((hostConfig ?? {}) as Record<string, unknown>), selected);
  if (!mutate || (missing.length === 0 && utility.length === 0)) return;
  let changed: string[] = [];
  await mutate({
    afterWrite: { mode: "auto" },
    mutate: (draft) => {
      const models = (draft.models ??= {}) as { mode?: string; providers?: Record<string, unknown> };
      models.mode ??= "merge";
      const providers = (models.providers ??= {});
      for (const [id, entry] of Object.entries(PROVIDER_ENTRIES)) providers[id] ??= { ...entry };
      changed = routeUtilityModels(draft, selected);
    },
  });
  if (missing.length > 0) log(`added models.providers.${missing.join(", models.providers.")} to the host config`);
  if (changed.length > 0) log(`routed utility model calls through BaaS: ${changed.join("; ")}`);
}

import type { HostPluginApi } from "./host-types";
import { PROVIDER_ID } from "./model-map";

/**
 * The host resolves a credential for every provider before calling its transport, and only
 * looks in models.providers for plugin providers. Writing our entry once (if the operator has
 * not) keeps installation at "install + one plugin config entry". The key is a placeholder:
 * the transport always replaces it with the relay's per-process token.
 */
export const PROVIDER_ENTRY = { baseUrl: "http://127.0.0.1:9", api: "anthropic-messages", apiKey: "baas-relay", models: [] as unknown[] };

export function needsProviderEntry(hostConfig: unknown): boolean {
  const providers = (hostConfig as { models?: { providers?: Record<string, unknown> } } | undefined)?.models?.providers;
  return !providers?.[PROVIDER_ID];
}

export async function provisionProviderEntry(api: HostPluginApi, hostConfig: unknown, log: (m: string) => void): Promise<void> {
  const mutate = api.runtime.config?.mutateConfigFile;
  if (!mutate || !needsProviderEntry(hostConfig)) return;
  await mutate({
    afterWrite: { mode: "auto" },
    mutate: (draft) => {
      const models = (draft.models ??= {}) as { mode?: string; providers?: Record<string, unknown> };
      models.mode ??= "merge";
      const providers = (models.providers ??= {});
      providers[PROVIDER_ID] ??= { ...PROVIDER_ENTRY };
    },
  });
  log(`added models.providers.${PROVIDER_ID} to the host config`);
}

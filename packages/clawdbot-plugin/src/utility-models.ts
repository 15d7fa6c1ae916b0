/**
 * OpenClaw makes model calls outside agent runs (activity recaps, generated titles, progress
 * narration) on the agent's "utility model". Left automatic, it is the primary provider's small
 * model on the host's own provider (anthropic/claude-haiku-4-5, openai/gpt-5.6-luna): those calls
 * never meet our hooks and would escape BaaS. So the plugin writes an explicit utility model that
 * goes through BaaS for every routed agent: a host ref on a provider BaaS serves becomes the same
 * model on the plugin provider, and an automatic one becomes a small model BaaS prices.
 * An operator who disabled utility tasks ("") keeps them disabled.
 */
import { configuredModelRef, pluginProviderFor, splitModelRef, wireOf, type Wire } from "./model-map";
import type { PluginConfig } from "./plugin-config";

const primaryOf = (m: unknown): string | null =>
  typeof m === "string" ? m : typeof (m as { primary?: unknown } | null)?.primary === "string" ? (m as { primary: string }).primary : null;

/** The small model each wire's utility tasks use when the host would pick one itself. */
export const DEFAULT_UTILITY_MODEL: Record<Wire, string> = { anthropic: "claude-haiku-4-5", openai: "gpt-4o-mini" };

type Entry = { utilityModel?: unknown; model?: unknown };
type AgentsConfig = { defaults?: Entry; entries?: Record<string, Entry>; list?: Array<Entry & { id?: string }> };

/** The utility ref to write for a current setting, or null to leave it as it is. */
export function routedUtilityModel(current: unknown, primaryRef: string | null): string | null {
  if (current === "") return null;
  if (typeof current === "string") {
    const ref = splitModelRef(current);
    const wire = wireOf(ref?.provider);
    if (!ref?.provider || !wire || ref.provider === pluginProviderFor(wire)) return null;
    return `${pluginProviderFor(wire)}/${ref.model}`;
  }
  if (current !== undefined && current !== null) return null;
  // No primary: the host's default provider is Anthropic. A primary on a provider BaaS does not
  // serve (google/…, local models) is not governed, and neither are its utility calls.
  const provider = splitModelRef(primaryRef)?.provider;
  const wire = provider ? wireOf(provider) : "anthropic";
  return wire ? `${pluginProviderFor(wire)}/${DEFAULT_UTILITY_MODEL[wire]}` : null;
}

/**
 * Applies the routing to a config draft; returns what it changed ("agents.defaults.utilityModel
 * → baas/claude-haiku-4-5"), empty when the config already routes every utility call.
 */
export function routeUtilityModels(draft: Record<string, unknown>, selected: PluginConfig["agents"]): string[] {
  const agents = ((draft.agents ??= {}) as AgentsConfig);
  const changes: string[] = [];
  const set = (entry: Entry, path: string, primary: string | null) => {
    const next = routedUtilityModel(entry.utilityModel, primary);
    if (next === null || next === entry.utilityModel) return;
    entry.utilityModel = next;
    changes.push(`${path}.utilityModel → ${next}`);
  };
  const defaultsPrimary = primaryOf(agents.defaults?.model);
  if (selected === "all") set((agents.defaults ??= {}), "agents.defaults", defaultsPrimary);
  const named = Object.entries(agents.entries ?? {}).map(([id, e]) => [id, e, `agents.entries.${id}`] as const);
  const listed = (agents.list ?? []).map((e, i) => [e.id ?? "", e, `agents.list.${i}`] as const);
  for (const [id, entry, path] of [...named, ...listed]) {
    if (!id || (selected !== "all" && !selected.includes(id.toLowerCase()))) continue;
    const primary = configuredModelRef(draft, id);
    // An agent inherits the defaults' utility model unless its own primary is on another wire.
    const wireOfRef = (ref: string | null) => (ref ? wireOf(splitModelRef(ref)?.provider) : "anthropic");
    const inherits = entry.utilityModel === undefined && selected === "all" && wireOfRef(primary) === wireOfRef(defaultsPrimary);
    if (!inherits) set(entry, path, primary);
  }
  return changes;
}

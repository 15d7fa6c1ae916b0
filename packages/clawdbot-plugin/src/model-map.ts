/**
 * Maps the model an agent asks for onto the same model through BaaS:
 * "anthropic/claude-sonnet-4-5" → "claude-sonnet-4-5" on provider "baas",
 * "openai/gpt-4o-mini" → "gpt-4o-mini" on provider "baas-openai".
 */
import { providerOfModel, type Provider } from "@baas/protocol";

export const PROVIDER_ID = "baas";
/** The second plugin provider: OpenAI Chat Completions through the same relay. */
export const OPENAI_PROVIDER_ID = "baas-openai";
export const PLUGIN_PROVIDER_IDS = [PROVIDER_ID, OPENAI_PROVIDER_ID] as const;

export type Wire = Provider;

/** Host providers whose models the relay can serve, by the wire format it speaks for them. */
const WIRE_OF: Record<string, Wire> = {
  anthropic: "anthropic",
  "claude-cli": "anthropic",
  "anthropic-vertex": "anthropic",
  "anthropic-bedrock": "anthropic",
  [PROVIDER_ID]: "anthropic",
  openai: "openai",
  [OPENAI_PROVIDER_ID]: "openai",
};

/** The wire a host provider id's models go through BaaS on; null = not routable (left alone). */
export function wireOf(hostProviderId: string | undefined | null): Wire | null {
  return hostProviderId ? (WIRE_OF[hostProviderId] ?? null) : null;
}

/** A model the gateway picked (downgrade, per-group model) may belong to the other family. */
export function wireOfModel(model: string, otherwise: Wire): Wire {
  return providerOfModel(model) ?? otherwise;
}

/** The plugin provider id that serves a wire. */
export function pluginProviderFor(wire: Wire): string {
  return wire === "openai" ? OPENAI_PROVIDER_ID : PROVIDER_ID;
}

export function splitModelRef(ref: string | undefined | null): { provider?: string; model: string } | null {
  if (!ref) return null;
  const slash = ref.indexOf("/");
  if (slash < 0) return { model: ref };
  return { provider: ref.slice(0, slash), model: ref.slice(slash + 1) };
}

/** The model id to ask the gateway for, honouring an operator's explicit map first. */
export function mapModel(ref: string | undefined | null, overrides: Record<string, string> = {}): string | null {
  if (!ref) return null;
  const mapped = overrides[ref];
  if (mapped) return splitModelRef(mapped)?.model ?? mapped;
  return splitModelRef(ref)?.model ?? null;
}

/** The agent's configured model ref (agents.entries.<id>.model or agents.defaults.model). */
export function configuredModelRef(config: unknown, agentId: string): string | null {
  const agents = (config as { agents?: Record<string, unknown> } | undefined)?.agents as
    | { defaults?: { model?: unknown }; entries?: Record<string, { model?: unknown }>; list?: Array<{ id?: string; model?: unknown }> }
    | undefined;
  const pick = (m: unknown): string | null =>
    typeof m === "string" ? m : m && typeof m === "object" && typeof (m as { primary?: unknown }).primary === "string" ? (m as { primary: string }).primary : null;
  const entry = agents?.entries?.[agentId] ?? agents?.list?.find((a) => a.id === agentId);
  return pick(entry?.model) ?? pick(agents?.defaults?.model);
}

/**
 * Maps the model an agent asks for onto the same model through BaaS:
 * "anthropic/claude-sonnet-4-5" → "claude-sonnet-4-5" on provider "baas".
 */
export const PROVIDER_ID = "baas";

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

/**
 * The plugin providers' stream transport. It does not speak to the gateway itself: it points the
 * host's own transport (streamSimple) at the in-process loopback relay, adding the turn's
 * attribution as a header: the Anthropic Messages transport for "baas", the OpenAI Chat
 * Completions transport for "baas-openai". The host keeps parsing SSE into text, thinking, tool
 * calls and usage exactly as it does for those providers, so nothing about the answer's shape
 * changes.
 */
import { randomUUID } from "node:crypto";
import { INSTANCE_AGENT_ID } from "@baas/protocol";
import type { CallContext } from "./contract";
import type { HostModel, HostStreamFn, HostStreamOptions } from "./host-types";
import { OPENAI_PROVIDER_ID, PROVIDER_ID, type Wire } from "./model-map";
import { CONTEXT_HEADER, encodeContext, type Relay } from "./relay";
import { runIdOf, type RunContextStore } from "./run-context";
import { textOf } from "./utility-attribution";

export interface TransportDeps {
  runs: RunContextStore;
  relay: () => Promise<Relay>;
  /** openclaw/plugin-sdk/llm streamSimple (injected so tests can watch what it receives). */
  streamSimple: (model: unknown, context: unknown, options?: unknown) => unknown;
}

/**
 * The CallContext for one model call: from the run map; for a call outside any run (a recap), from
 * the run whose message it quotes (utility-attribution.ts); else the agent hint or the instance.
 */
export function callContextFor(runs: RunContextStore, options: HostStreamOptions | undefined, agentHint?: string, hostContext?: unknown): CallContext {
  const requestId = options?.requestId;
  const run = runs.forCall(requestId, options?.sessionId);
  const quoted = !run && !requestId && hostContext !== undefined ? runs.quotedBy(textOf(hostContext)) : undefined;
  if (quoted) {
    const { runId: _run, ...context } = quoted.context;
    return { ...context, callId: `utility:${randomUUID()}` };
  }
  const base = run?.context ?? { agentId: (agentHint ?? INSTANCE_AGENT_ID).toLowerCase() };
  const runId = runIdOf(requestId) ?? base.runId;
  return { ...base, ...(runId ? { runId } : {}), callId: requestId ?? `${runId ?? "call"}:${randomUUID()}` };
}

/** Where and how the host's transport reaches the relay for each wire. */
const WIRE_MODEL: Record<Wire, { api: string; path: string }> = {
  anthropic: { api: "anthropic-messages", path: "" },
  // The OpenAI SDK appends /chat/completions to its base URL.
  openai: { api: "openai-completions", path: "/v1" },
};

export function createRelayStreamFn(deps: TransportDeps, agentHint?: string, wire: Wire = "anthropic"): HostStreamFn {
  return async (model: HostModel, context: unknown, options?: HostStreamOptions) => {
    const relay = await deps.relay();
    const callContext = callContextFor(deps.runs, options, agentHint, context);
    const run = deps.runs.forCall(options?.requestId, options?.sessionId);
    // A model the gateway's preflight chose for this run (downgrade, per-group model) wins.
    const id = run?.model ?? model.id;
    return deps.streamSimple(
      { ...model, id, api: WIRE_MODEL[wire].api, baseUrl: relay.url + WIRE_MODEL[wire].path },
      context,
      { ...options, apiKey: relay.token, headers: { ...options?.headers, [CONTEXT_HEADER]: encodeContext(callContext) } },
    );
  };
}

/** Lets `baas/<any model>` and `baas-openai/<any model>` resolve without listing every model. */
export function dynamicModel(modelId: string, wire: Wire = "anthropic"): HostModel {
  const openai = wire === "openai";
  return {
    id: modelId,
    name: `${modelId} via BaaS`,
    api: WIRE_MODEL[wire].api,
    provider: openai ? OPENAI_PROVIDER_ID : PROVIDER_ID,
    baseUrl: "http://127.0.0.1:9",
    reasoning: false,
    input: ["text", "image"],
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    contextWindow: openai ? 128_000 : 200_000,
    maxTokens: openai ? 16_384 : 8192,
  };
}

/**
 * The baas provider's stream transport. It does not speak to the gateway itself: it points the
 * host's own Anthropic transport (streamSimple) at the in-process loopback relay, adding the
 * turn's attribution as a header. The host keeps parsing SSE into text, thinking, tool calls and
 * usage exactly as it does for Anthropic, so nothing about the answer's shape changes.
 */
import { randomUUID } from "node:crypto";
import type { CallContext } from "./contract";
import type { HostModel, HostStreamFn, HostStreamOptions } from "./host-types";
import { CONTEXT_HEADER, encodeContext, type Relay } from "./relay";
import { runIdOf, type RunContextStore } from "./run-context";

export interface TransportDeps {
  runs: RunContextStore;
  relay: () => Promise<Relay>;
  /** openclaw/plugin-sdk/llm streamSimple (injected so tests can watch what it receives). */
  streamSimple: (model: unknown, context: unknown, options?: unknown) => unknown;
}

/** The CallContext for one model call, from the run map or, failing that, the agent hint. */
export function callContextFor(runs: RunContextStore, options: HostStreamOptions | undefined, agentHint?: string): CallContext {
  const requestId = options?.requestId;
  const run = runs.forCall(requestId, options?.sessionId);
  const base = run?.context ?? { agentId: (agentHint ?? "unknown").toLowerCase() };
  const runId = runIdOf(requestId) ?? base.runId;
  return { ...base, ...(runId ? { runId } : {}), callId: requestId ?? `${runId ?? "call"}:${randomUUID()}` };
}

export function createRelayStreamFn(deps: TransportDeps, agentHint?: string): HostStreamFn {
  return async (model: HostModel, context: unknown, options?: HostStreamOptions) => {
    const relay = await deps.relay();
    const callContext = callContextFor(deps.runs, options, agentHint);
    const run = deps.runs.forCall(options?.requestId, options?.sessionId);
    // A model the gateway's preflight chose for this run (downgrade, per-group model) wins.
    const id = run?.model ?? model.id;
    return deps.streamSimple(
      { ...model, id, api: "anthropic-messages", baseUrl: relay.url },
      context,
      { ...options, apiKey: relay.token, headers: { ...options?.headers, [CONTEXT_HEADER]: encodeContext(callContext) } },
    );
  };
}

/** Lets `baas/<any model>` resolve without listing every model in models.providers.baas. */
export function dynamicModel(modelId: string): HostModel {
  return {
    id: modelId,
    name: `${modelId} via BaaS`,
    api: "anthropic-messages",
    provider: "baas",
    baseUrl: "http://127.0.0.1:9",
    reasoning: false,
    input: ["text", "image"],
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    contextWindow: 200_000,
    maxTokens: 8192,
  };
}

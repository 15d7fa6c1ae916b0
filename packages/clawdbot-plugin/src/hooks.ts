/**
 * Agent hooks: run-scoped attribution (runId → agent, session, channel, peer), the preflight gate
 * before a turn reaches any model, and the model-resolve safety net that keeps selected agents
 * on the baas provider.
 */
import { classifyFailure, type ControlPlane } from "./control-plane";
import type { HostHookContext } from "./host-types";
import { configuredModelRef, mapModel, pluginProviderFor, PLUGIN_PROVIDER_IDS, PROVIDER_ID, wireOf, wireOfModel } from "./model-map";
import { agentSelected, type PluginConfig } from "./plugin-config";
import type { RunContextStore } from "./run-context";

export interface HookDeps {
  runs: RunContextStore;
  controlPlane: ControlPlane;
  config: PluginConfig;
  hostConfig: () => unknown;
  log?: (m: string) => void;
}

type ReplyClaim = { handled: true; reply: { text: string } };

function withTimeout<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`timed out after ${ms} ms`)), ms);
  return fn(abort.signal).finally(() => clearTimeout(timer));
}

/** before_agent_reply: the gate. Returns the one sentence the chat gets when the turn may not run. */
export async function gateTurn(deps: HookDeps, ctx: HostHookContext): Promise<ReplyClaim | undefined> {
  const info = deps.runs.remember(ctx);
  if (!info || !agentSelected(deps.config, info.context.agentId)) return undefined;
  const ref = ctx.modelId ? `${ctx.modelProviderId ?? PROVIDER_ID}/${ctx.modelId}` : configuredModelRef(deps.hostConfig(), info.context.agentId);
  const model = mapModel(ref, deps.config.modelMap) ?? "claude-sonnet-4-5";
  try {
    const r = await withTimeout(deps.config.preflightTimeoutMs, (signal) =>
      deps.controlPlane.preflight({ context: info.context, model }, signal),
    );
    if (!r.allow) return { handled: true, reply: { text: r.message } };
    if (r.model && r.model !== model && ctx.runId) deps.runs.setModel(ctx.runId, r.model);
    return undefined;
  } catch (err) {
    const f = classifyFailure(err);
    deps.log?.(`preflight for ${info.context.agentId} failed: ${f.kind} (${f.detail})`);
    if (f.kind === "budget" || f.kind === "rate_limit") {
      return { handled: true, reply: { text: f.message ?? "This chat cannot use the AI right now (limit reached)." } };
    }
    if (f.kind === "bad_request") return undefined;
    // Control plane unreachable (or refusing our key): fail mode decides.
    if (deps.config.failMode === "failOpen") return undefined;
    return { handled: true, reply: { text: deps.config.unavailableMessage } };
  }
}

/**
 * before_model_resolve: keep selected agents on the plugin's providers (Anthropic models on
 * "baas", OpenAI models on "baas-openai"), with the preflight's model when it chose one.
 */
export function resolveModel(deps: HookDeps, ctx: HostHookContext): { providerOverride: string; modelOverride: string } | undefined {
  const info = deps.runs.remember(ctx) ?? deps.runs.get(ctx.runId);
  const agentId = info?.context.agentId ?? ctx.agentId;
  if (!agentSelected(deps.config, agentId)) return undefined;
  // Providers the relay cannot speak for (google/…, ollama/…) are left alone, not sent in the wrong shape.
  const wire = ctx.modelProviderId ? wireOf(ctx.modelProviderId) : "anthropic";
  if (!wire) return undefined;
  const run = deps.runs.get(ctx.runId);
  if (run?.model) return { providerOverride: pluginProviderFor(wireOfModel(run.model, wire)), modelOverride: run.model };
  if ((PLUGIN_PROVIDER_IDS as readonly string[]).includes(ctx.modelProviderId ?? "") || !ctx.modelId) return undefined;
  const model = mapModel(`${ctx.modelProviderId ?? ""}/${ctx.modelId}`, deps.config.modelMap);
  return model ? { providerOverride: pluginProviderFor(wire), modelOverride: model } : undefined;
}

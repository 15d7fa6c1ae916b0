import { describe, expect, it } from "vitest";
import type { ControlPlane } from "./control-plane";
import { gateTurn, resolveModel, type HookDeps } from "./hooks";
import { pluginConfigSchema } from "./plugin-config";
import { CONTEXT_HEADER } from "./relay";
import { RunContextStore } from "./run-context";
import { createRelayStreamFn } from "./transport";

const relay = { url: "http://127.0.0.1:4567", token: "relay-token", close: async () => undefined };
const groupCtx = { runId: "run-9", agentId: "lobo", sessionKey: "agent:lobo:whatsapp:group:1203@g.us", sessionId: "sess-1", trigger: "user" };

function decode(headers: Record<string, string>) {
  return JSON.parse(Buffer.from(headers[CONTEXT_HEADER]!, "base64url").toString("utf8"));
}

describe("the baas stream transport", () => {
  it("points the host's Anthropic transport at the relay with the run's attribution and call id", async () => {
    const runs = new RunContextStore();
    runs.remember(groupCtx);
    const seen: any[] = [];
    const fn = createRelayStreamFn({ runs, relay: async () => relay, streamSimple: (...a: unknown[]) => (seen.push(a), "stream") });
    const out = await fn({ id: "claude-sonnet-4-5", api: "anthropic-messages", baseUrl: "http://127.0.0.1:9" }, { messages: [] }, { requestId: "run-9:model:2", sessionId: "sess-1", headers: { traceparent: "00-abc" } });
    expect(out).toBe("stream");
    const [model, context, options] = seen[0];
    expect(model).toMatchObject({ id: "claude-sonnet-4-5", baseUrl: relay.url, api: "anthropic-messages" });
    expect(context).toEqual({ messages: [] });
    expect(options.apiKey).toBe("relay-token");
    expect(options.headers.traceparent).toBe("00-abc");
    expect(decode(options.headers)).toEqual({ agentId: "lobo", sessionKey: groupCtx.sessionKey, channel: "whatsapp", peerKind: "group", peerId: "1203@g.us", runId: "run-9", callId: "run-9:model:2" });
  });

  it("points the host's OpenAI Chat Completions transport at the relay's /v1 for baas-openai", async () => {
    const runs = new RunContextStore();
    runs.remember(groupCtx);
    const seen: any[] = [];
    await createRelayStreamFn({ runs, relay: async () => relay, streamSimple: (...a: unknown[]) => seen.push(a) }, undefined, "openai")(
      { id: "gpt-4o-mini", api: "openai-completions", provider: "baas-openai", baseUrl: "http://127.0.0.1:9/v1" }, {}, { requestId: "run-9:model:1" },
    );
    const [model, , options] = seen[0];
    expect(model).toMatchObject({ id: "gpt-4o-mini", api: "openai-completions", baseUrl: `${relay.url}/v1` });
    expect(options.apiKey).toBe("relay-token");
    expect(decode(options.headers)).toMatchObject({ agentId: "lobo", callId: "run-9:model:1" });
  });

  it("falls back to the agent the host named when no hook saw the run", async () => {
    const seen: any[] = [];
    const fn = createRelayStreamFn({ runs: new RunContextStore(), relay: async () => relay, streamSimple: (...a: unknown[]) => seen.push(a) }, "Coruja");
    await fn({ id: "m" }, {}, { requestId: "r2:model:1" });
    expect(decode(seen[0][2].headers)).toEqual({ agentId: "coruja", runId: "r2", callId: "r2:model:1" });
  });

  it("sends the model the gateway's preflight chose for the run", async () => {
    const runs = new RunContextStore();
    runs.remember(groupCtx);
    runs.setModel("run-9", "claude-haiku-4-5");
    const seen: any[] = [];
    await createRelayStreamFn({ runs, relay: async () => relay, streamSimple: (...a: unknown[]) => seen.push(a) })({ id: "claude-opus-4-1" }, {}, { requestId: "run-9:model:1" });
    expect(seen[0][0].id).toBe("claude-haiku-4-5");
  });
});

function hookDeps(preflight: ControlPlane["preflight"], overrides: Record<string, unknown> = {}): HookDeps {
  return {
    runs: new RunContextStore(),
    controlPlane: { preflight } as ControlPlane,
    config: pluginConfigSchema.parse({ gatewayUrl: "http://127.0.0.1:1/api/trpc", instanceKey: "bk_12345678", ...overrides }),
    hostConfig: () => ({ agents: { defaults: { model: "anthropic/claude-opus-4-1" } } }),
  };
}

describe("turn gate and model routing", () => {
  it("a forbidden turn gets the gateway's sentence as the reply, once, before any model", async () => {
    const d = hookDeps(async () => ({ allow: false, model: null, reason: "budget", message: "This group's monthly AI budget is used up." }));
    expect(await gateTurn(d, groupCtx)).toEqual({ handled: true, reply: { text: "This group's monthly AI budget is used up." } });
  });

  it("asks preflight for the agent's configured model and applies a downgrade to the run", async () => {
    let asked: unknown;
    const d = hookDeps(async (input) => ((asked = input), { allow: true, model: "claude-sonnet-4-5", reason: null, message: null }));
    expect(await gateTurn(d, groupCtx)).toBeUndefined();
    expect(asked).toMatchObject({ model: "claude-opus-4-1", context: { agentId: "lobo", peerKind: "group", peerId: "1203@g.us" } });
    expect(resolveModel(d, { ...groupCtx, modelProviderId: "anthropic", modelId: "claude-opus-4-1" })).toEqual({ providerOverride: "baas", modelOverride: "claude-sonnet-4-5" });
  });

  it("an unreachable control plane: fail-closed answers the unavailable sentence, fail-open lets the turn run", async () => {
    const down = async () => { throw new TypeError("fetch failed"); };
    expect(await gateTurn(hookDeps(down), groupCtx)).toEqual({ handled: true, reply: { text: expect.stringContaining("temporarily unavailable") } });
    expect(await gateTurn(hookDeps(down, { failMode: "failOpen" }), groupCtx)).toBeUndefined();
  });

  it("moves selected agents onto the baas provider and leaves the others alone", () => {
    const d = hookDeps(async () => ({ allow: true, model: "x", reason: null, message: null }), { agents: ["lobo"] });
    expect(resolveModel(d, { ...groupCtx, modelProviderId: "anthropic", modelId: "claude-sonnet-4-5" })).toEqual({ providerOverride: "baas", modelOverride: "claude-sonnet-4-5" });
    expect(resolveModel(d, { runId: "r3", agentId: "coruja", sessionKey: "agent:coruja:main", modelProviderId: "anthropic", modelId: "claude-sonnet-4-5" })).toBeUndefined();
    expect(resolveModel(d, { ...groupCtx, runId: "r4", modelProviderId: "baas", modelId: "claude-sonnet-4-5" })).toBeUndefined();
    // OpenAI models go onto the OpenAI-shaped provider; providers the relay cannot speak stay put.
    expect(resolveModel(d, { ...groupCtx, runId: "r5", modelProviderId: "openai", modelId: "gpt-4o-mini" })).toEqual({ providerOverride: "baas-openai", modelOverride: "gpt-4o-mini" });
    expect(resolveModel(d, { ...groupCtx, runId: "r6", modelProviderId: "baas-openai", modelId: "gpt-4o-mini" })).toBeUndefined();
    expect(resolveModel(d, { ...groupCtx, runId: "r7", modelProviderId: "google", modelId: "gemini-2.5-pro" })).toBeUndefined();
  });

  it("a model the preflight chose goes onto the provider of its own family", async () => {
    const d = hookDeps(async () => ({ allow: true, model: "claude-haiku-4-5", reason: null, message: null }));
    const ctx = { ...groupCtx, runId: "r8", modelProviderId: "openai", modelId: "gpt-4o-mini" };
    expect(await gateTurn(d, ctx)).toBeUndefined();
    expect(resolveModel(d, ctx)).toEqual({ providerOverride: "baas", modelOverride: "claude-haiku-4-5" });
  });
});

import { z } from "zod";

export const DEFAULT_UNAVAILABLE_MESSAGE =
  "The AI service for this chat is temporarily unavailable. Please try again in a few minutes.";

/** Added after what the host already showed when the control plane dropped a stream half way. */
export const INTERRUPTED_MESSAGE = "(The connection to the AI service broke here, so this answer may be cut short. Please ask again if something is missing.)";

/** The plugin's own config (plugins.entries.baas.config), mirrored by the manifests' configSchema. */
export const pluginConfigSchema = z.object({
  /** Control plane tRPC endpoint, e.g. https://baas.example.com/api/trpc */
  gatewayUrl: z.string().url(),
  instanceKey: z.string().min(8),
  /** Agent ids routed through BaaS; "all" (default) or a list. */
  agents: z.union([z.literal("all"), z.array(z.string().min(1))]).default("all"),
  failMode: z.enum(["failClosed", "failOpen"]).default("failClosed"),
  /** failOpen only: where and with what the plugin calls the provider directly. */
  fallback: z
    .object({
      baseUrl: z.string().url().default("https://api.anthropic.com"),
      apiKey: z.string().min(1),
    })
    .optional(),
  /** failOpen only: the same for agents on OpenAI models (base URL includes /v1, as in the OpenAI SDK). */
  openaiFallback: z
    .object({
      baseUrl: z.string().url().default("https://api.openai.com/v1"),
      apiKey: z.string().min(1),
    })
    .optional(),
  unavailableMessage: z.string().min(1).default(DEFAULT_UNAVAILABLE_MESSAGE),
  /** Explicit model ref → gateway model, e.g. {"anthropic/claude-opus-4-1": "claude-opus-4-1"}. */
  modelMap: z.record(z.string(), z.string()).default({}),
  heartbeatSec: z.number().int().min(1).max(3600).default(60),
  configSync: z.boolean().default(true),
  /** Long-poll window of instance.pullConfig. */
  configPollMs: z.number().int().min(0).max(25_000).default(20_000),
  preflightTimeoutMs: z.number().int().min(100).max(60_000).default(5_000),
  /**
   * How long a model call may wait for the gateway's first event before it counts as an outage.
   * Generous by default: the first event follows the upstream's response headers.
   */
  connectTimeoutMs: z.number().int().min(100).max(120_000).default(30_000),
  spoolReplaySec: z.number().int().min(1).max(3600).default(30),
  /** Legacy Clawdbot only: the relay's fixed loopback port and the key its provider entry uses. */
  relayPort: z.number().int().min(1024).max(65535).default(18790),
  relayKey: z.string().min(8).default("baas-local-relay"),
});

export type PluginConfig = z.infer<typeof pluginConfigSchema>;

export function parsePluginConfig(raw: unknown): { ok: true; config: PluginConfig } | { ok: false; error: string } {
  const r = pluginConfigSchema.safeParse(raw ?? {});
  if (r.success) return { ok: true, config: r.data };
  return { ok: false, error: r.error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ") };
}

export function agentSelected(config: Pick<PluginConfig, "agents">, agentId: string | undefined): boolean {
  if (!agentId) return config.agents === "all";
  return config.agents === "all" || config.agents.includes(agentId.toLowerCase()) || config.agents.includes(agentId);
}

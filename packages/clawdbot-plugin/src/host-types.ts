/**
 * The slice of OpenClaw's plugin API this plugin uses (openclaw 2026.9, plugin-entry d.ts),
 * declared here so the bundle needs no types from the host at build time.
 */
export interface HostModel {
  id: string;
  name?: string;
  api?: string;
  provider?: string;
  baseUrl?: string;
  [k: string]: unknown;
}

export interface HostStreamOptions {
  requestId?: string;
  sessionId?: string;
  apiKey?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  [k: string]: unknown;
}

export type HostStreamFn = (model: HostModel, context: unknown, options?: HostStreamOptions) => unknown;

export interface HostHookContext {
  runId?: string;
  agentId?: string;
  sessionKey?: string;
  sessionId?: string;
  channel?: string;
  messageProvider?: string;
  chatId?: string;
  channelId?: string;
  modelProviderId?: string;
  modelId?: string;
  trigger?: string;
  /** Present on real inbound channel turns; carries the group's display name when known. */
  channelContext?: { chat?: { title?: string; name?: string; subject?: string } };
}

export interface HostLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface HostServiceContext {
  stateDir?: string;
  logger?: HostLogger;
}

export interface HostPluginApi {
  id: string;
  version?: string;
  pluginConfig?: unknown;
  config?: unknown;
  logger: HostLogger;
  runtime: {
    version?: string;
    config?: {
      current?: () => unknown;
      loadConfig?: () => unknown;
      mutateConfigFile?: (p: {
        afterWrite: { mode: "auto" } | { mode: "none"; reason: string } | { mode: "restart"; reason: string };
        mutate: (draft: Record<string, unknown>) => void | Promise<void>;
      }) => Promise<{ persistedHash?: string | null }>;
    };
    state?: { resolveStateDir?: () => string };
  };
  registerProvider(p: Record<string, unknown>): void;
  registerService(s: { id: string; start(ctx: HostServiceContext): void | Promise<void>; stop?(ctx: HostServiceContext): void | Promise<void> }): void;
  on(hook: string, handler: (event: unknown, ctx: HostHookContext) => unknown, opts?: Record<string, unknown>): void;
}

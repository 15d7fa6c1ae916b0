/**
 * The gateway contract (briefs/common.md) as the plugin sees it. Kept as plain types here so the
 * bundle never depends on server code; the shapes are checked against @baas/api's AppRouter
 * types in typecheck (see control-plane.ts).
 */
export interface CallContext {
  agentId: string;
  sessionKey?: string;
  channel?: string;
  peerKind?: "group" | "dm" | "channel";
  peerId?: string;
  runId?: string;
  /** Idempotency key of one model call: "<runId>:model:<n>". */
  callId?: string;
}

export type PreflightResult =
  | { allow: true; model: string; reason: null; message: null }
  | { allow: false; model: null; reason: "budget" | "quota" | "tier" | "rate_limit" | "disabled"; message: string };

export interface UsageSummary {
  usageEventId: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  costTenant: number;
  currency: string;
  account: string;
  fallbackPath: string[];
  cacheHit: boolean;
}

export type StreamItem = { type: "event"; event: Record<string, unknown> & { type: string } } | { type: "usage"; usage: UsageSummary };

export interface GatewayCallInput {
  provider: "anthropic" | "openai";
  request: Record<string, unknown>;
  context: CallContext;
}

export interface UsageReportEvent {
  eventId: string;
  kind: "LLM" | "STT" | "TTS" | "IMAGE" | "EMBEDDING";
  occurredAt: Date;
  context: CallContext;
  provider: "anthropic" | "openai";
  model: string;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  units?: number;
  source?: "REPORTED" | "SPOOLED";
}

export interface ConfigRevision {
  id: string;
  version: number;
  hash: string;
  config: unknown;
  status: string;
}

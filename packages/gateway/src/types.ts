/**
 * The gateway contract's shapes, framework-free. The tRPC router validates its input with zod
 * and hands these to the engine; the engine never sees an unvalidated request.
 */
export type Provider = "anthropic" | "openai";
export type PeerKindInput = "group" | "dm" | "channel";

export interface CallContext {
  agentId: string;
  sessionKey?: string;
  channel?: string;
  peerKind?: PeerKindInput;
  peerId?: string;
  runId?: string;
  /** Idempotency key of this model call ("<runId>:model:<n>"); becomes UsageEvent.idempotencyKey. */
  callId?: string;
}

export interface PreflightInput {
  context: CallContext;
  model: string;
}

export type PreflightResult =
  | { allow: true; model: string; reason: null; message: null }
  | { allow: false; model: null; reason: "budget" | "quota" | "tier" | "rate_limit" | "disabled"; message: string };

export interface CallInput {
  provider: Provider;
  /** Provider-native request body (Anthropic Messages or OpenAI Chat Completions). */
  request: Record<string, unknown>;
  context: CallContext;
}

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

export interface CompleteResult {
  response: unknown;
  usage: UsageSummary;
}

export type StreamChunk = { type: "event"; event: unknown } | { type: "usage"; usage: UsageSummary };

export type UsageKindInput = "LLM" | "STT" | "TTS" | "IMAGE" | "EMBEDDING";

export interface ReportedUsageEvent {
  eventId: string;
  kind: UsageKindInput;
  occurredAt: Date;
  context: CallContext;
  provider: Provider;
  model: string;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  units?: number;
  source?: "REPORTED" | "SPOOLED";
}

export interface ReportUsageResult {
  accepted: number;
  duplicates: number;
}

/** Token counts of one call, as the provider reported them. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface GatewayAlert {
  kind: "BUDGET_THRESHOLD" | "ACCOUNT_DISABLED" | "ACCOUNT_COOLDOWN";
  severity: "INFO" | "WARNING" | "CRITICAL";
  tenantId: string | null;
  budgetId?: string;
  thresholdPct?: number;
  periodKey?: string;
  message: string;
  alertId: string;
  /** For budget thresholds: the figures a person needs to act (money in the budget's currency, micros). */
  budget?: {
    name: string;
    scope: "TENANT" | "AGENT" | "CHANNEL";
    period: "DAILY" | "WEEKLY" | "MONTHLY";
    action: "BLOCK" | "DOWNGRADE" | "WARN";
    currency: string;
    usedMoney: number;
    limitMoney: number | null;
    usedTokens: number;
    limitTokens: number | null;
    usedMessages: number;
    limitMessages: number | null;
    /** When the period ends (ISO): the budget starts over then. */
    periodEnd: string;
  };
}

/** Where alerts go after they are stored. The web team plugs email delivery in here. */
export interface Notifier {
  notify(alert: GatewayAlert): Promise<void> | void;
}

export const totalTokens = (u: TokenUsage): number =>
  u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens;

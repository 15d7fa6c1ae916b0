/**
 * The engine's types. The gateway contract (what the router validates and hands over) is
 * @baas/protocol's, inferred from its zod schemas; only engine-side shapes are declared here.
 */
export type {
  CallContext,
  CallInput,
  CompleteResult,
  PeerKindInput,
  PreflightInput,
  PreflightResult,
  Provider,
  ReportedUsageEvent,
  ReportUsageResult,
  StreamItem,
  TokenUsage,
  UsageKindInput,
  UsageSummary,
} from "@baas/protocol";
import type { TokenUsage } from "@baas/protocol";

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

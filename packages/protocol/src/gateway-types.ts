/**
 * The gateway contract's types, inferred from its schemas: the engine receives what the router
 * validated (zod's output), so a field added to a schema reaches the engine's types at once.
 */
import type { z } from "zod";
import type {
  callContextSchema,
  callInputSchema,
  preflightInputSchema,
  preflightOutputSchema,
  reportedUsageEventSchema,
  reportUsageOutputSchema,
  usageKindSchema,
  usageSummarySchema,
} from "./gateway-schemas";
import type { Provider } from "./provider";

export type CallContext = z.output<typeof callContextSchema>;
export type PeerKindInput = NonNullable<CallContext["peerKind"]>;
export type PreflightInput = z.output<typeof preflightInputSchema>;
export type PreflightResult = z.output<typeof preflightOutputSchema>;
/** A validated gateway.complete / gateway.stream input. */
export type GatewayCallInput = z.output<typeof callInputSchema>;
export type UsageSummary = z.output<typeof usageSummarySchema>;
export type UsageKindInput = z.output<typeof usageKindSchema>;
export type ReportedUsageEvent = z.output<typeof reportedUsageEventSchema>;
export type ReportUsageResult = z.output<typeof reportUsageOutputSchema>;

/**
 * A call as the engine handles it: the validated input widened to any provider-native body (the
 * engine also builds calls of its own, e.g. preflight's attribution lookup with an empty body).
 */
export interface CallInput {
  provider: Provider;
  request: Record<string, unknown>;
  context: CallContext;
}

export interface CompleteResult {
  response: unknown;
  usage: UsageSummary;
}

/**
 * One item of gateway.stream: `sse` carries the upstream's own SSE text exactly as one upstream
 * read delivered it (UTF-8 decoded; a character split across reads arrives whole in the next
 * item); `usage` comes last, once the call is durably recorded.
 */
export type StreamItem = { type: "sse"; text: string } | { type: "usage"; usage: UsageSummary };

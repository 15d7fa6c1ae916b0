/** zod schemas of the gateway contract (common.md, "The gateway contract"): one copy, for the router and the plugin. */
import { z } from "zod";
import { hostAgentIdSchema, INSTANCE_AGENT_ID } from "./agent-id";

export const providerSchema = z.enum(["anthropic", "openai"]);

export const callContextSchema = z.object({
  /** An agent, or INSTANCE_AGENT_ID for a host task no agent run caused (recorded without an agent). */
  agentId: z.union([z.literal(INSTANCE_AGENT_ID), hostAgentIdSchema]),
  sessionKey: z.string().max(1000).optional(),
  channel: z.string().min(1).max(100).optional(),
  peerKind: z.enum(["group", "dm", "channel"]).optional(),
  peerId: z.string().min(1).max(500).optional(),
  runId: z.string().max(200).optional(),
  /** Idempotency key of this model call ("<runId>:model:<n>"); becomes UsageEvent.idempotencyKey. */
  callId: z.string().min(1).max(300).optional(),
});

const messages = z.array(z.unknown()).min(1, "at least one message is required");

/** Provider-native bodies are passed through; only what the gateway relies on is checked. */
export const anthropicRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages,
  max_tokens: z.number().int().positive(),
});

export const openAiRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages,
  max_tokens: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
});

export const callInputSchema = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("anthropic"), request: anthropicRequestSchema, context: callContextSchema }),
  z.object({ provider: z.literal("openai"), request: openAiRequestSchema, context: callContextSchema }),
]);

export const preflightInputSchema = z.object({ context: callContextSchema, model: z.string().min(1).max(200) });

export const preflightOutputSchema = z.discriminatedUnion("allow", [
  z.object({ allow: z.literal(true), model: z.string(), reason: z.null(), message: z.null() }),
  z.object({
    allow: z.literal(false),
    model: z.null(),
    reason: z.enum(["budget", "quota", "tier", "rate_limit", "disabled"]),
    message: z.string(),
  }),
]);

export const usageSummarySchema = z.object({
  usageEventId: z.string(),
  model: z.string(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  costUsd: z.number(),
  costTenant: z.number(),
  currency: z.string(),
  account: z.string(),
  fallbackPath: z.array(z.string()),
  cacheHit: z.boolean(),
});

export const completeOutputSchema = z.object({ response: z.unknown(), usage: usageSummarySchema });

/** Token counts are stored as 32-bit integers: a larger one is refused here, not by PostgreSQL. */
const count = z.number().int().nonnegative().max(2_147_483_647).optional();

export const usageKindSchema = z.enum(["LLM", "STT", "TTS", "IMAGE", "EMBEDDING"]);

export const reportedUsageEventSchema = z.object({
  eventId: z.string().min(1).max(300),
  kind: usageKindSchema,
  occurredAt: z.date(),
  context: callContextSchema,
  provider: providerSchema,
  model: z.string().min(1).max(200),
  inputTokens: count,
  outputTokens: count,
  cacheReadTokens: count,
  cacheWriteTokens: count,
  // Seconds of audio, characters of speech, images: Decimal(18, 4) holds under 1e14.
  units: z.number().nonnegative().max(1e12).optional(),
  source: z.enum(["REPORTED", "SPOOLED"]).optional(),
});

export const reportUsageInputSchema = z.object({ events: z.array(reportedUsageEventSchema).min(1).max(500) });

export const reportUsageOutputSchema = z.object({ accepted: z.number().int(), duplicates: z.number().int() });

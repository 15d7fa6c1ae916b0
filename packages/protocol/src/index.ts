export { AppError, isAppError, type AppErrorCode } from "./app-error";
export { AGENT_ID_PATTERN, agentIdSchema, hostAgentIdSchema, INSTANCE_AGENT_ID } from "./agent-id";
export * from "./gateway-schemas";
export type * from "./gateway-types";
export { providerOfModel, type Provider } from "./provider";
export { parseSessionKey, type SessionKeyParts } from "./session-key";
export { dataFrame, namedFrame, SSE_DONE, SseParser, type SseBlock, type SseEvent } from "./sse";
export {
  emptyUsage,
  outputSoFar,
  usageCollector,
  usageOfResponse,
  type StreamedUsage,
  type TokenUsage,
  type UsageCollector,
} from "./usage";

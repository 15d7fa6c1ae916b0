/**
 * The gateway contract as the plugin sees it, derived from the control plane's router types.
 * Type-only imports: esbuild erases them, so the bundle never contains server code.
 */
import type { RouterInputs, RouterOutputs } from "@baas/api";

export type CallContext = RouterInputs["gateway"]["preflight"]["context"];
export type PreflightResult = RouterOutputs["gateway"]["preflight"];
export type GatewayCallInput = RouterInputs["gateway"]["stream"];
export type UsageSummary = RouterOutputs["gateway"]["complete"]["usage"];
export type StreamItem = RouterOutputs["gateway"]["stream"] extends AsyncIterable<infer T> ? T : never;
export type UsageReportEvent = RouterInputs["gateway"]["reportUsage"]["events"][number];
/**
 * The agent id of a call no agent run caused (a host task outside any session): the gateway
 * records it against the instance under a plain name, never as an agent called "unknown".
 * The same value as INSTANCE_AGENT_ID in packages/gateway/src/attribution.ts.
 */
export const INSTANCE_AGENT_ID = "_instance";
export type ConfigRevision = NonNullable<RouterOutputs["instance"]["pullConfig"]["revision"]>;

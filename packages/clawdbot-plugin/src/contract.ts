/**
 * The gateway contract as the plugin sends it: inputs derived from the control plane's router
 * types, so they always match what the router accepts. Type-only imports: esbuild erases them,
 * so the bundle never contains server code. Shared values (INSTANCE_AGENT_ID, the stream item,
 * SSE and usage reading) come from @baas/protocol, which the bundle does include.
 */
import type { RouterInputs, RouterOutputs } from "@baas/api";

export type CallContext = RouterInputs["gateway"]["preflight"]["context"];
export type PreflightResult = RouterOutputs["gateway"]["preflight"];
export type GatewayCallInput = RouterInputs["gateway"]["stream"];
export type UsageSummary = RouterOutputs["gateway"]["complete"]["usage"];
export type UsageReportEvent = RouterInputs["gateway"]["reportUsage"]["events"][number];
export type ConfigRevision = NonNullable<RouterOutputs["instance"]["pullConfig"]["revision"]>;
export type { StreamItem } from "@baas/protocol";

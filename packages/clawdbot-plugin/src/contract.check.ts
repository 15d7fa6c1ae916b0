/**
 * Compile-time only (never imported by the bundle): the plugin's local copy of the gateway
 * contract must stay assignable to the server's router types, or `tsc` fails here.
 */
import type { RouterInputs, RouterOutputs } from "@baas/api";
import type { ControlPlane } from "./control-plane";
import type { CallContext, GatewayCallInput, PreflightResult, UsageReportEvent, UsageSummary } from "./contract";

type Assert<T extends true> = T;
type Is<A, B> = [A] extends [B] ? true : false;

export type ContractChecks = [
  Assert<Is<CallContext, RouterInputs["gateway"]["preflight"]["context"]>>,
  Assert<Is<RouterOutputs["gateway"]["preflight"], PreflightResult>>,
  Assert<Is<UsageReportEvent, RouterInputs["gateway"]["reportUsage"]["events"][number]>>,
  Assert<Is<RouterOutputs["gateway"]["complete"]["usage"], UsageSummary>>,
  Assert<Is<{ provider: "anthropic"; request: { model: string; messages: unknown[]; max_tokens: number }; context: CallContext }, GatewayCallInput>>,
  Assert<Is<Parameters<ControlPlane["heartbeat"]>[0], RouterInputs["instance"]["heartbeat"]>>,
  Assert<Is<Parameters<ControlPlane["reportInventory"]>[0], RouterInputs["instance"]["reportInventory"]>>,
  Assert<Is<Parameters<ControlPlane["ackConfig"]>[0], RouterInputs["instance"]["ackConfig"]>>,
  Assert<Is<Parameters<ControlPlane["pullConfig"]>[0], RouterInputs["instance"]["pullConfig"]>>,
];

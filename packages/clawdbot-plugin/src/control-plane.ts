/**
 * The plugin's only door to BaaS: tRPC over HTTP with the instance key, typed by the control
 * plane's router (a type-only import: renaming a procedure fails the plugin's typecheck, and the
 * bundle holds no server code). Model streams use httpBatchStreamLink (POST, so long
 * conversations never go into a URL); everything else httpLink.
 */
import { createTRPCClient, httpBatchStreamLink, httpLink, splitLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter, RouterInputs } from "@baas/api";
import type {
  CallContext,
  ConfigRevision,
  GatewayCallInput,
  PreflightResult,
  StreamItem,
  UsageReportEvent,
} from "./contract";

export type HeartbeatReport = RouterInputs["instance"]["heartbeat"];
export type InventoryReport = RouterInputs["instance"]["reportInventory"];
type PullInput = RouterInputs["instance"]["pullConfig"];
type AckInput = RouterInputs["instance"]["ackConfig"];

export interface ControlPlane {
  preflight(input: { context: CallContext; model: string }, signal?: AbortSignal): Promise<PreflightResult>;
  stream(input: GatewayCallInput, signal?: AbortSignal): Promise<AsyncIterable<StreamItem>>;
  complete(input: GatewayCallInput, signal?: AbortSignal): Promise<{ response: unknown }>;
  reportUsage(events: UsageReportEvent[]): Promise<{ accepted: number; duplicates: number }>;
  heartbeat(input: HeartbeatReport): Promise<unknown>;
  reportInventory(input: InventoryReport): Promise<unknown>;
  pullConfig(input: PullInput, signal?: AbortSignal): Promise<{ revision: ConfigRevision | null; changed: boolean }>;
  ackConfig(input: AckInput): Promise<unknown>;
}

export function createControlPlane(opts: { url: string; instanceKey: string }): ControlPlane {
  const headers = () => ({ authorization: `Bearer ${opts.instanceKey}` });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.path === "gateway.stream",
        true: httpBatchStreamLink({ url: opts.url, transformer: superjson, headers, maxItems: 1 }),
        false: httpLink({ url: opts.url, transformer: superjson, headers }),
      }),
    ],
  });
  const { gateway, instance } = client;
  return {
    preflight: (input, signal) => gateway.preflight.mutate(input, { signal }),
    stream: (input, signal) => gateway.stream.mutate(input, { signal }),
    complete: (input, signal) => gateway.complete.mutate(input, { signal }),
    reportUsage: (events) => gateway.reportUsage.mutate({ events }),
    heartbeat: (input) => instance.heartbeat.mutate(input),
    reportInventory: (input) => instance.reportInventory.mutate(input),
    pullConfig: (input, signal) => instance.pullConfig.mutate(input, { signal }),
    ackConfig: (input) => instance.ackConfig.mutate(input),
  };
}

export type FailureKind = "budget" | "rate_limit" | "unauthorized" | "bad_request" | "upstream" | "outage";

export interface Failure {
  kind: FailureKind;
  /** The human sentence the gateway wrote for the chat, when it wrote one. */
  message: string | null;
  retryAfterSec: number | null;
  detail: string;
}

interface ErrorData {
  code?: string;
  httpStatus?: number;
  appCode?: string | null;
  retryAfterSec?: number | null;
  details?: { message?: unknown } | null;
}

/**
 * What a failed control-plane call means for the chat. Anything without a structured tRPC
 * answer (refused connection, timeout, proxy 502, server crash) is an outage: fail mode decides.
 */
export function classifyFailure(err: unknown): Failure {
  const data: ErrorData | undefined = err instanceof TRPCClientError ? (err.data as ErrorData | undefined) : undefined;
  const detail = err instanceof Error ? err.message : String(err);
  const sentence = typeof data?.details?.message === "string" ? data.details.message : null;
  const base = { message: sentence, retryAfterSec: data?.retryAfterSec ?? null, detail };
  switch (data?.code) {
    case "PAYMENT_REQUIRED":
      return { ...base, kind: "budget" };
    case "TOO_MANY_REQUESTS":
      return { ...base, kind: "rate_limit" };
    case "UNAUTHORIZED":
    case "FORBIDDEN":
      return { ...base, kind: "unauthorized" };
    case "BAD_REQUEST":
    case "PARSE_ERROR":
    case "UNPROCESSABLE_CONTENT":
      return { ...base, kind: "bad_request" };
    // A call id the gateway already served: final, never retried elsewhere (a fail-open call
    // to the provider would be an uncharged second answer).
    case "CONFLICT":
      return { ...base, kind: "bad_request" };
    case "SERVICE_UNAVAILABLE":
      return { ...base, kind: data.appCode === "UPSTREAM_UNAVAILABLE" ? "upstream" : "outage" };
    default:
      return { ...base, kind: "outage" };
  }
}

/**
 * What differs between the two provider APIs the relay serves: how events are framed, how a
 * stream ends, what a synthetic answer and an error look like, where a fail-open call goes and
 * how its usage is counted. Everything else in the relay is shared.
 */
import { dataFrame, namedFrame, SSE_DONE, usageCollector, type UsageCollector } from "@baas/protocol";
import type { Wire } from "./model-map";
import { syntheticOpenAiChunks, syntheticOpenAiMessage } from "./openai-wire";
import { syntheticEvents, syntheticMessage } from "./sse";
import { anthropicCloser, openAiCloser, type StreamCloser } from "./stream-closer";

export interface WireFormat {
  provider: Wire;
  syntheticFrames(text: string, model: string): string[];
  syntheticMessage(text: string, model: string): Record<string, unknown>;
  errorBody(type: "invalid_request_error" | "authentication_error" | "not_found_error" | "api_error", message: string): Record<string, unknown>;
  /** Fail-open: the upstream URL under the fallback base URL, and its auth headers. */
  directUrl(baseUrl: string): string;
  directHeaders(apiKey: string): Record<string, string>;
  /** Fail-open streams must carry usage so the spool can count them. */
  directBody(request: Record<string, unknown>): Record<string, unknown>;
  collector(): UsageCollector;
  /** Finishes a stream the control plane dropped half way as a complete, short answer. */
  closer(): StreamCloser;
  /** The answer text an event adds ("" for any other event). */
  deltaText(e: Record<string, unknown>): string;
}

const trimSlash = (u: string) => u.replace(/\/+$/, "");

export const ANTHROPIC_WIRE: WireFormat = {
  provider: "anthropic",
  syntheticFrames: (text, model) => syntheticEvents(text, model).map(namedFrame),
  syntheticMessage,
  errorBody: (type, message) => ({ type: "error", error: { type, message } }),
  directUrl: (baseUrl) => `${trimSlash(baseUrl)}/v1/messages`,
  directHeaders: (apiKey) => ({ "content-type": "application/json", "x-api-key": apiKey, "anthropic-version": "2023-06-01" }),
  directBody: (request) => request,
  collector: () => usageCollector("anthropic"),
  closer: anthropicCloser,
  deltaText: (e) => {
    const d = e.type === "content_block_delta" ? (e.delta as { type?: string; text?: unknown } | undefined) : undefined;
    return d?.type === "text_delta" && typeof d.text === "string" ? d.text : "";
  },
};

export const OPENAI_WIRE: WireFormat = {
  provider: "openai",
  syntheticFrames: (text, model) => [...syntheticOpenAiChunks(text, model).map(dataFrame), SSE_DONE],
  syntheticMessage: syntheticOpenAiMessage,
  errorBody: (type, message) => ({ error: { type, message, code: null, param: null } }),
  // OpenAI base URLs carry the version (https://api.openai.com/v1), as in the OpenAI SDK.
  directUrl: (baseUrl) => `${trimSlash(baseUrl)}/chat/completions`,
  directHeaders: (apiKey) => ({ "content-type": "application/json", authorization: `Bearer ${apiKey}` }),
  directBody: (request) =>
    request.stream === true
      ? { ...request, stream_options: { ...(request.stream_options as object | undefined), include_usage: true } }
      : request,
  collector: () => usageCollector("openai"),
  closer: openAiCloser,
  deltaText: (e) => {
    const c = (e.choices as Array<{ delta?: { content?: unknown } }> | undefined)?.[0]?.delta?.content;
    return typeof c === "string" ? c : "";
  },
};

export const WIRES: Record<Wire, WireFormat> = { anthropic: ANTHROPIC_WIRE, openai: OPENAI_WIRE };

/** The wire a relay request path speaks, or null for a path the relay does not serve. */
export function wireForPath(path: string): WireFormat | null {
  const p = path.split("?")[0] ?? "";
  if (p === "/v1/messages") return ANTHROPIC_WIRE;
  if (p === "/v1/chat/completions" || p === "/chat/completions") return OPENAI_WIRE;
  return null;
}

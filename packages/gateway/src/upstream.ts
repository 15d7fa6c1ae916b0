import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { nodeFetch } from "./http-fetch";
import type { Provider } from "./types";

export interface UpstreamAccountRuntime {
  id: string;
  name: string;
  provider: Provider;
  kind: "MAX_SUBSCRIPTION" | "API_KEY";
  priority: number;
  anthropic?: Anthropic;
  openai?: OpenAI;
}

export type FailureKind = "retryable" | "auth" | "client";

/** An upstream failure, classified for rotation: retry elsewhere, disable the account, or pass on. */
export class UpstreamFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly status: number | undefined,
    readonly headers: Headers | undefined,
    message: string,
  ) {
    super(message);
  }
}

export function classify(e: unknown): UpstreamFailure {
  if (e instanceof UpstreamFailure) return e;
  const err = e as { status?: number; headers?: Headers; message?: string; error?: { error?: { message?: string } } };
  const status = typeof err?.status === "number" ? err.status : undefined;
  const headers = err?.headers instanceof Headers ? err.headers : undefined;
  const message = err?.error?.error?.message ?? err?.message ?? "upstream error";
  if (status === undefined) return new UpstreamFailure("retryable", undefined, headers, `upstream unreachable or timed out: ${message}`);
  if (status === 401 || status === 403) return new UpstreamFailure("auth", status, headers, message);
  if (status === 408 || status === 409 || status === 429 || status >= 500) return new UpstreamFailure("retryable", status, headers, message);
  return new UpstreamFailure("client", status, headers, message);
}

export function buildClient(
  a: Omit<UpstreamAccountRuntime, "anthropic" | "openai">,
  credential: string,
  baseUrl: string | null,
  timeoutMs: number,
): UpstreamAccountRuntime {
  const common = { maxRetries: 0, timeout: timeoutMs, fetch: nodeFetch as typeof fetch, ...(baseUrl ? { baseURL: baseUrl } : {}) };
  if (a.provider === "openai") return { ...a, openai: new OpenAI({ ...common, apiKey: credential }) };
  if (a.kind === "MAX_SUBSCRIPTION") {
    // A Claude Max subscription is an OAuth bearer token plus the OAuth beta header.
    return {
      ...a,
      anthropic: new Anthropic({ ...common, apiKey: null, authToken: credential, defaultHeaders: { "anthropic-beta": "oauth-2025-04-20" } }),
    };
  }
  return { ...a, anthropic: new Anthropic({ ...common, apiKey: credential, authToken: null }) };
}

/** Non-streaming call; the provider's JSON answer is returned untouched. */
export async function callJson(a: UpstreamAccountRuntime, body: Record<string, unknown>): Promise<{ data: unknown; headers: Headers }> {
  try {
    // The SDKs' generic post(): same auth, base URL, timeouts and typed errors as messages.create(),
    // without per-call model checks (it console.warns on every call for deprecated model ids).
    const { data, response } = a.anthropic
      ? await a.anthropic.post<unknown>("/v1/messages", { body: { ...body, stream: false } }).withResponse()
      : await a.openai!.post<unknown>("/chat/completions", { body: { ...body, stream: false } }).withResponse();
    return { data, headers: response.headers };
  } catch (e) {
    throw classify(e);
  }
}

/**
 * Opens a stream and returns once the upstream answered with headers (the "first byte"): every
 * failure before that is thrown here and may be retried elsewhere. The body is handed on as the
 * upstream's own SSE text, one piece per read: the hot path forwards bytes, it does not rebuild
 * events (the SDKs' stream helpers would re-assemble whole messages).
 */
export async function openStream(
  a: UpstreamAccountRuntime,
  body: Record<string, unknown>,
): Promise<{ headers: Headers; texts: AsyncGenerator<string> }> {
  let res: Response;
  try {
    res = a.anthropic
      ? await a.anthropic.post("/v1/messages", { body: { ...body, stream: true }, stream: true }).asResponse()
      : await a.openai!.post("/chat/completions", { body: { ...body, stream: true }, stream: true }).asResponse();
  } catch (e) {
    throw classify(e);
  }
  if (!res.body) throw new UpstreamFailure("retryable", res.status, res.headers, "upstream sent no body");
  return { headers: res.headers, texts: utf8Texts(res.body) };
}

/**
 * The body as text, one item per read. A character split across reads comes out whole with the
 * next read (the decoder keeps its first bytes), and a BOM is kept: the text re-encodes to exactly
 * the bytes the upstream sent.
 */
async function* utf8Texts(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

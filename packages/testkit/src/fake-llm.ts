import type { IncomingMessage, ServerResponse } from "node:http";
import { analyzeAnthropic } from "./anthropic-request";
import { anthropicJson, planAnthropic } from "./anthropic-reply";
import { anthropicEvents, sse } from "./anthropic-sse";
import { bearerToken, listen, readBody, sendJson, sleep } from "./http-util";
import { errorBody, faultHeaders, windowHeaders } from "./llm-headers";
import { anthropicModel, anthropicModels, openAiModel, openAiModels } from "./llm-models";
import { LlmState } from "./llm-state";
import { writeBrokenJson, writeSse, type StreamOptions } from "./llm-stream";
import type { Fault, FakeLlm, FakeLlmOptions, Provider, RecordedRequest } from "./llm-types";
import { openAiChunks, openAiJson, planOpenAi } from "./openai-reply";
import { isRecord, nextId, tokensOf } from "./reply-text";

type Kind = "messages" | "count_tokens" | "chat" | "models" | "model";

interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  kind: Kind;
  provider: Provider;
  credential: string;
  body: Record<string, unknown>;
  /** Response headers gathered so far (request id, subscription windows). */
  headers: Record<string, string>;
  fault?: Fault;
  recorded: RecordedRequest;
}

interface Ctx {
  state: LlmState;
  latencyMs: number;
  chunkDelayMs: number;
  sliceBytes?: number;
}

/** Both SDK base-URL styles work: `fake.url` and `fake.url + "/v1"`. */
function route(method: string, path: string, req: IncomingMessage): { kind: Kind; provider: Provider; id?: string } | undefined {
  const p = path.startsWith("/v1/") ? path : `/v1${path}`;
  if (method === "POST" && p === "/v1/messages") return { kind: "messages", provider: "anthropic" };
  if (method === "POST" && p === "/v1/messages/count_tokens") return { kind: "count_tokens", provider: "anthropic" };
  if (method === "POST" && p === "/v1/chat/completions") return { kind: "chat", provider: "openai" };
  if (method !== "GET" || !p.startsWith("/v1/models")) return undefined;
  // The Anthropic SDK always sends anthropic-version; the OpenAI SDK never does.
  const provider: Provider = req.headers["anthropic-version"] || req.headers["x-api-key"] ? "anthropic" : "openai";
  if (p === "/v1/models") return { kind: "models", provider };
  return { kind: "model", provider, id: decodeURIComponent(p.slice("/v1/models/".length)) };
}

function credentialOf(provider: Provider, req: IncomingMessage): string {
  const apiKey = req.headers["x-api-key"];
  if (provider === "anthropic" && typeof apiKey === "string" && apiKey) return apiKey;
  return bearerToken(req) ?? "";
}

function parseJson(raw: string): Record<string, unknown> | undefined {
  if (raw.length === 0) return {};
  try {
    const v: unknown = JSON.parse(raw);
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Field checks the real APIs do first, so callers see a clear 400 instead of a fake answer. */
function invalidReason(kind: Kind, body: Record<string, unknown>): string | undefined {
  if (kind === "messages" || kind === "chat") {
    if (typeof body.model !== "string") return "model: Field required";
    if (!Array.isArray(body.messages)) return "messages: Field required";
  }
  if (kind === "messages" && typeof body.max_tokens !== "number") return "max_tokens: Field required";
  return undefined;
}

async function handleRequest(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? "GET";
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const r = route(method, path, req);
  if (!r) {
    req.resume();
    const provider: Provider = path.includes("chat") ? "openai" : "anthropic";
    return sendJson(res, 404, errorBody(provider, 404, `fake has no route ${method} ${path}`));
  }
  const credential = credentialOf(r.provider, req);
  const body = method === "POST" ? parseJson(await readBody(req)) : {};
  const recorded: RecordedRequest = { path, provider: r.provider, credential, headers: req.headers, body, at: Date.now() };
  ctx.state.record(recorded);
  if (ctx.latencyMs > 0) await sleep(ctx.latencyMs);
  const reqIdHeader = r.provider === "anthropic" ? "request-id" : "x-request-id";
  const headers: Record<string, string> = { [reqIdHeader]: nextId("req_fake") };
  if (!body) return sendJson(res, 400, errorBody(r.provider, 400, "request body is not valid JSON"), headers);
  const call: Call = { req, res, path, kind: r.kind, provider: r.provider, credential, body, headers, recorded };
  if (!admit(ctx, call)) return;
  return dispatch(ctx, call, r.id);
}

/** Authentication, injected faults and subscription windows; false when already answered. */
function admit(ctx: Ctx, call: Call): boolean {
  const { res, provider, credential, headers } = call;
  if (!credential) {
    const msg = provider === "anthropic" ? "x-api-key header is required" : "You didn't provide an API key.";
    sendJson(res, 401, errorBody(provider, 401, msg), headers);
    return false;
  }
  const windows = provider === "anthropic" ? ctx.state.windows.get(credential) : undefined;
  const w = windows ? windowHeaders(windows) : undefined;
  if (w) Object.assign(headers, w.headers);
  const fault = call.kind === "models" || call.kind === "model" ? undefined : ctx.state.takeFault(credential);
  if (fault?.hang) {
    ctx.state.hanging.add(res);
    res.on("close", () => ctx.state.hanging.delete(res));
    return false;
  }
  if (fault && !fault.afterFirstByte) {
    const msg = `fake fault ${fault.status} for this credential`;
    sendJson(res, fault.status, errorBody(provider, fault.status, msg), { ...headers, ...faultHeaders(provider, fault) });
    return false;
  }
  if (w?.rejected) {
    const reset = Number(headers["anthropic-ratelimit-unified-reset"]);
    const retry = String(Math.max(1, Math.ceil(reset - Date.now() / 1000)));
    const msg = "This request would exceed your account's rate limit. Please try again later.";
    sendJson(res, 429, errorBody(provider, 429, msg), { ...headers, "retry-after": retry });
    return false;
  }
  call.fault = fault;
  return true;
}

async function dispatch(ctx: Ctx, call: Call, id?: string): Promise<void> {
  const { res, headers, body, provider } = call;
  switch (call.kind) {
    case "models":
      return sendJson(res, 200, provider === "anthropic" ? anthropicModels() : openAiModels(), headers);
    case "model":
      return sendJson(res, 200, provider === "anthropic" ? anthropicModel(id ?? "") : openAiModel(id ?? ""), headers);
    case "count_tokens":
      return sendJson(res, 200, { input_tokens: tokensOf(analyzeAnthropic(body).totalChars) }, headers);
  }
  const invalid = invalidReason(call.kind, body);
  if (invalid) return sendJson(res, 400, errorBody(provider, 400, invalid), headers);
  return call.kind === "messages" ? serveAnthropic(ctx, call) : serveOpenAi(ctx, call);
}

function streamOptions(ctx: Ctx, call: Call, fail: StreamOptions["fail"]): StreamOptions {
  const rec = call.recorded;
  const onWrite = (bytes: Buffer) => void (rec.sent = rec.sent ? Buffer.concat([rec.sent, bytes]) : Buffer.from(bytes));
  return { chunkDelayMs: ctx.chunkDelayMs, sliceBytes: ctx.sliceBytes, headers: call.headers, fail, onWrite };
}

async function serveAnthropic(ctx: Ctx, call: Call): Promise<void> {
  const plan = planAnthropic(call.body, analyzeAnthropic(call.body), ctx.state, call.credential, call.path);
  const broken = call.fault?.afterFirstByte ? call.fault : undefined;
  if (call.body.stream !== true) {
    if (broken) return writeBrokenJson(call.res, call.headers);
    return sendJson(call.res, 200, anthropicJson(plan), call.headers);
  }
  // Mid-stream failure: message_start, the first block start, ping and one delta, then `error`.
  const fail = broken
    ? { afterEvents: 4, errorTail: sse("error", errorBody("anthropic", broken.status, "fake mid-stream failure")) }
    : undefined;
  return writeSse(call.res, anthropicEvents(plan), streamOptions(ctx, call, fail));
}

async function serveOpenAi(ctx: Ctx, call: Call): Promise<void> {
  const plan = planOpenAi(call.body, ctx.state, call.credential, call.path);
  const broken = call.fault?.afterFirstByte ? call.fault : undefined;
  if (call.body.stream !== true) {
    if (broken) return writeBrokenJson(call.res, call.headers);
    return sendJson(call.res, 200, openAiJson(plan), call.headers);
  }
  const opts = call.body.stream_options;
  const includeUsage = isRecord(opts) && opts.include_usage === true;
  const fail = broken
    ? { afterEvents: 2, errorTail: `data: ${JSON.stringify(errorBody("openai", broken.status, "fake mid-stream failure"))}\n\n` }
    : undefined;
  return writeSse(call.res, openAiChunks(plan, includeUsage), streamOptions(ctx, call, fail));
}

/**
 * One loopback server faking both the Anthropic Messages API and OpenAI Chat Completions,
 * with per-credential faults, subscription windows and a simulated prompt cache.
 */
export async function startFakeLlm(opts: FakeLlmOptions = {}): Promise<FakeLlm> {
  const state = new LlmState(opts.maxRecorded ?? 10_000);
  const ctx: Ctx = { state, latencyMs: opts.latencyMs ?? 0, chunkDelayMs: opts.chunkDelayMs ?? 0, sliceBytes: opts.sliceBytes };
  const server = await listen((req, res) => handleRequest(ctx, req, res), opts.port ?? 0, opts.host ?? "127.0.0.1");
  return {
    url: server.url,
    port: server.port,
    host: server.host,
    requests: state.requests,
    clearRequests: () => state.clearRequests(),
    countFor: (credential) => state.counts.get(credential) ?? 0,
    setFault: (credential, fault) => void (fault ? state.faults.set(credential, fault) : state.faults.delete(credential)),
    queueFaults: (credential, fault, times) => state.queueFault(credential, fault, times),
    setWindows: (credential, w) => void (w ? state.windows.set(credential, w) : state.windows.delete(credential)),
    setReply: (fn) => void (state.reply = fn),
    reset: () => state.reset(),
    close: async () => {
      state.releaseHanging();
      await server.close();
    },
  };
}

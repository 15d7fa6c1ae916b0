/**
 * The loopback relay: the host's own transports talk to it as if it were api.anthropic.com
 * (`POST /v1/messages`) or api.openai.com (`POST /v1/chat/completions`); it forwards each request
 * to gateway.stream / gateway.complete with the turn's context and the matching provider, and
 * writes the upstream's own SSE bytes, as the gateway passes them on, to the host unchanged.
 * Rejections become a normal assistant answer (never a 402/429, which would cool down or stall
 * every agent on the provider).
 */
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { INSTANCE_AGENT_ID, outputSoFar, SseParser } from "@baas/protocol";
import { classifyFailure, type ControlPlane, type Failure } from "./control-plane";
import type { CallContext, GatewayCallInput, StreamItem, UsageSummary } from "./contract";
import { callDirect, spoolCall, type DirectUpstream } from "./direct-upstream";
import { takeMarker } from "./marker";
import { INTERRUPTED_MESSAGE, type PluginConfig } from "./plugin-config";
import type { UsageSpool } from "./spool";
import { wireForPath, WIRES, type WireFormat } from "./wire";

export const CONTEXT_HEADER = "x-baas-context";

export interface RelayDeps {
  controlPlane: ControlPlane;
  config: Pick<PluginConfig, "failMode" | "unavailableMessage" | "connectTimeoutMs" | "fallback"> & Partial<Pick<PluginConfig, "openaiFallback">>;
  spool: () => UsageSpool;
  log?: (msg: string) => void;
  onUsage?: (usage: UsageSummary, context: CallContext) => void;
  /** The start of each streamed answer (its first 300 characters), once the stream ends. */
  onAnswer?: (context: CallContext, text: string) => void;
  /** Replaced in tests; the real one is fetch. */
  direct?: DirectUpstream;
  /** Fixed port (legacy Clawdbot points models.providers.baas.baseUrl at it); default random. */
  port?: number;
  /** A key the host's config carries (legacy Clawdbot), accepted besides the per-process token. */
  staticKey?: string;
}

export interface Relay {
  url: string;
  token: string;
  close(): Promise<void>;
}

export function encodeContext(ctx: CallContext): string {
  return Buffer.from(JSON.stringify(ctx), "utf8").toString("base64url");
}

function decodeContext(v: string | string[] | undefined): CallContext | null {
  if (typeof v !== "string" || !v) return null;
  try {
    const ctx = JSON.parse(Buffer.from(v, "base64url").toString("utf8")) as CallContext;
    return typeof ctx.agentId === "string" ? ctx : null;
  } catch {
    return null;
  }
}

export async function startRelay(deps: RelayDeps): Promise<Relay> {
  const token = `baas-relay-${randomBytes(16).toString("hex")}`;
  const server = http.createServer((req, res) => {
    handle(deps, [token, ...(deps.staticKey ? [deps.staticKey] : [])], req, res).catch((err: unknown) => {
      deps.log?.(`relay error: ${err instanceof Error ? err.message : String(err)}`);
      const wire = wireForPath(req.url ?? "") ?? WIRES.anthropic;
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify(wire.errorBody("api_error", "BaaS relay failed")));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(deps.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const sendJson = (res: http.ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

async function handle(deps: RelayDeps, keys: string[], req: http.IncomingMessage, res: http.ServerResponse) {
  const wire = req.method === "POST" ? wireForPath(req.url ?? "") : null;
  if (!wire) {
    sendJson(res, 404, WIRES.anthropic.errorBody("not_found_error", "Not found"));
    return;
  }
  const key = req.headers["x-api-key"] ?? req.headers.authorization?.replace(/^Bearer\s+/i, "");
  if (typeof key !== "string" || !keys.includes(key)) {
    sendJson(res, 401, wire.errorBody("authentication_error", "Not the BaaS relay token"));
    return;
  }
  let request = JSON.parse(await readBody(req)) as Record<string, unknown>;
  let context = decodeContext(req.headers[CONTEXT_HEADER]);
  if (!context) {
    // Legacy Clawdbot: attribution travels as a marker in the prompt (see marker.ts).
    const marked = takeMarker(request);
    if (marked) ({ context, request } = marked);
  }
  context ??= { agentId: INSTANCE_AGENT_ID };
  // One id per HTTP request the host makes: the gateway charges each id once and never serves it
  // twice, and a host retrying a model call (OpenClaw reuses "<run>:model:<n>" across attempts)
  // makes a new upstream call that must be charged, not refused as a replay.
  context.callId = `${context.callId ?? "call"}#${randomUUID().slice(0, 8)}`;
  // Provider-native JSON passes through untouched; the gateway validates its shape.
  const input = { provider: wire.provider, request, context } as GatewayCallInput;
  if (request.stream === true) await relayStream(deps, wire, input, res);
  else await relayComplete(deps, wire, input, res);
}

/** Pulls the first item under a deadline: until then, a failure is a clean rejection. */
async function openStream(deps: RelayDeps, input: GatewayCallInput, abort: AbortController) {
  const timer = setTimeout(() => abort.abort(new Error("control plane timeout")), deps.config.connectTimeoutMs);
  try {
    const iterable = await deps.controlPlane.stream(input, abort.signal);
    const iterator = iterable[Symbol.asyncIterator]();
    const first = await iterator.next();
    return { iterator, first };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What the relay reads off the bytes it passes to the host: usage and model for the spool, where
 * the answer stands for the closer, its first words for onAnswer. Whole events only are written:
 * the start of an event whose end has not arrived yet waits for it, so a stream cut there can
 * still be closed cleanly (the host never holds half an event in front of the closing frames).
 */
function streamSeen(wire: WireFormat) {
  const parser = new SseParser();
  const usage = wire.collector();
  const closer = wire.closer();
  let answer = "";
  return {
    usage,
    closer,
    get answer() {
      return answer;
    },
    /** The text of `text` to write now: whole events, in the upstream's bytes. */
    take(text: string): string {
      let out = "";
      for (const block of parser.pushFramed(text)) {
        out += block.raw;
        for (const ev of block.events) {
          if (ev.done) closer.onDone();
          if (!ev.json) continue;
          usage.onEvent(ev.json);
          closer.onEvent(ev.json);
          if (answer.length < 300) answer += wire.deltaText(ev.json);
        }
      }
      return out;
    },
    /** Whatever the stream ended on that was no whole event, unchanged. */
    rest: () => parser.pending,
  };
}

async function relayStream(deps: RelayDeps, wire: WireFormat, input: GatewayCallInput, res: http.ServerResponse) {
  const abort = new AbortController();
  res.on("close", () => {
    if (res.writableFinished) return;
    deps.log?.(`host closed the connection of ${input.context.callId} before the answer ended`);
    abort.abort(new Error("host went away"));
  });
  let opened: Awaited<ReturnType<typeof openStream>>;
  try {
    opened = await openStream(deps, input, abort);
  } catch (err) {
    await answerFailure(deps, wire, input, classifyFailure(err), res);
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const seen = streamSeen(wire);
  let recorded = false;
  let item: IteratorResult<StreamItem> = opened.first;
  try {
    while (!item.done) {
      if (item.value.type === "sse") {
        const out = seen.take(item.value.text);
        if (out) res.write(out);
      } else {
        recorded = true;
        deps.onUsage?.(item.value.usage, input.context);
      }
      item = await opened.iterator.next();
    }
    // A stream that ends without the call's usage was cut, however cleanly the connection closed.
    if (!recorded) throw new Error("the control plane ended the stream before the call's usage");
    const rest = seen.rest();
    if (rest) res.write(rest);
    deps.onAnswer?.(input.context, seen.answer);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    deps.log?.(`stream of ${input.context.callId} failed after its first event: ${msg}`);
    // The gateway sends the call's usage only once it is durably recorded; without it, what the
    // host received is kept in the spool under the same call id, and the gateway counts it once
    // (a duplicate if it did record it before it went away).
    const usage = { ...seen.usage.usage, outputTokens: outputSoFar(seen.usage.usage) };
    const model = String(usage.model ?? input.request.model ?? "unknown");
    if (!recorded) await spoolCall(deps, input, model, usage, "interrupted");
    for (const frame of seen.closer.finish(INTERRUPTED_MESSAGE, model, usage.outputTokens)) res.write(frame);
  }
  res.end();
}

async function relayComplete(deps: RelayDeps, wire: WireFormat, input: GatewayCallInput, res: http.ServerResponse) {
  try {
    const out = await deps.controlPlane.complete(input);
    sendJson(res, 200, out.response);
  } catch (err) {
    await answerFailure(deps, wire, input, classifyFailure(err), res);
  }
}

/** The sentence the chat sees for a rejection the gateway did not word itself. */
function sentenceFor(f: Failure, unavailable: string): string {
  if (f.message) return f.message;
  switch (f.kind) {
    case "budget":
      return "This chat's AI budget is used up; an admin can raise it in BaaS.";
    case "rate_limit":
      return `Too many messages right now; please try again in ${Math.max(1, f.retryAfterSec ?? 30)} seconds.`;
    case "unauthorized":
      return "This bot is not connected to its control plane (instance key rejected); an admin needs to check the BaaS plugin settings.";
    default:
      return unavailable;
  }
}

async function answerFailure(deps: RelayDeps, wire: WireFormat, input: GatewayCallInput, f: Failure, res: http.ServerResponse) {
  const model = typeof input.request.model === "string" ? input.request.model : "baas";
  deps.log?.(`gateway call ${input.context.callId} rejected: ${f.kind} (${f.detail})`);
  if (f.kind === "bad_request") {
    sendJson(res, 400, wire.errorBody("invalid_request_error", f.detail));
    return;
  }
  const fallback = wire.provider === "openai" ? deps.config.openaiFallback : deps.config.fallback;
  if (f.kind === "outage" && deps.config.failMode === "failOpen" && fallback) {
    await callDirect({ ...deps, direct: deps.direct }, wire, fallback, input, res);
    return;
  }
  const text = sentenceFor(f, deps.config.unavailableMessage);
  if (input.request.stream === true) {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    for (const frame of wire.syntheticFrames(text, model)) res.write(frame);
    res.end();
  } else {
    sendJson(res, 200, wire.syntheticMessage(text, model));
  }
}

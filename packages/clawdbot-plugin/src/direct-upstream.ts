/**
 * Fail-open: the control plane is unreachable, so the call goes straight to the provider with
 * the operator's local fallback credential, and its usage is spooled for later replay.
 */
import type http from "node:http";
import { SseParser, type StreamedUsage } from "@baas/protocol";
import type { CallContext, GatewayCallInput } from "./contract";
import type { PluginConfig } from "./plugin-config";
import type { UsageSpool } from "./spool";
import type { WireFormat } from "./wire";

export type DirectUpstream = (url: string, init: RequestInit) => Promise<Response>;

interface DirectDeps {
  spool: () => UsageSpool;
  log?: (msg: string) => void;
  direct?: DirectUpstream;
}

export async function callDirect(
  deps: DirectDeps,
  wire: WireFormat,
  fb: NonNullable<PluginConfig["fallback"]>,
  input: GatewayCallInput,
  res: http.ServerResponse,
): Promise<void> {
  const doFetch = deps.direct ?? fetch;
  const upstream = await doFetch(wire.directUrl(fb.baseUrl), {
    method: "POST",
    headers: wire.directHeaders(fb.apiKey),
    body: JSON.stringify(wire.directBody(input.request)),
  });
  const headers: Record<string, string> = { "content-type": upstream.headers.get("content-type") ?? "application/json" };
  res.writeHead(upstream.status, headers);
  const collector = wire.collector();
  const parser = new SseParser();
  const decoder = new TextDecoder();
  let whole = "";
  const streaming = headers["content-type"]!.includes("event-stream");
  if (upstream.body) {
    for await (const chunk of upstream.body as unknown as AsyncIterable<Uint8Array>) {
      res.write(chunk);
      const text = decoder.decode(chunk, { stream: true });
      if (streaming) for (const e of parser.push(text)) if (e.json) collector.onEvent(e.json);
      else whole += text;
    }
  }
  // Spooled (and fsynced) before the host sees the end of the answer: a crash cannot lose it.
  if (upstream.ok) {
    if (!streaming) {
      try {
        collector.onMessage(JSON.parse(whole) as Record<string, unknown>);
      } catch {
        // unreadable body: usage stays zero but the call is still spooled
      }
    }
    await spoolCall(deps, input, String(input.request.model ?? collector.usage.model ?? "unknown"), collector.usage, "fail-open");
  }
  res.end();
}

/**
 * Keeps a call's usage on disk (fsynced) for the reporter to replay with the call's own id: a
 * fail-open call, or one whose control plane went away mid-stream. A failure to write is logged,
 * never thrown at the host.
 */
export async function spoolCall(deps: DirectDeps, input: GatewayCallInput, model: string, u: StreamedUsage, why: "fail-open" | "interrupted"): Promise<void> {
  const context: CallContext = input.context;
  try {
    await deps.spool().append({
      eventId: context.callId!,
      kind: "LLM",
      occurredAt: new Date(),
      context,
      provider: input.provider,
      model,
      inputTokens: u.inputTokens,
      outputTokens: u.outputTokens,
      cacheReadTokens: u.cacheReadTokens,
      cacheWriteTokens: u.cacheWriteTokens,
      source: "SPOOLED",
    });
    deps.log?.(`${why} call ${context.callId} spooled`);
  } catch (e) {
    deps.log?.(`could not spool usage of ${context.callId}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

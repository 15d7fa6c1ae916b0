import { CONTEXT_HEADER, encodeContext } from "../../packages/clawdbot-plugin/src/relay";
import type { Target } from "./load";

/** One short chat turn, the same for every target; only the envelope differs. */
const request = (stream: boolean) => ({
  model: "claude-sonnet-4-5",
  max_tokens: 256,
  messages: [{ role: "user", content: "Bom dia! Qual é a previsão do tempo para hoje em Porto Alegre?" }],
  ...(stream ? { stream: true } : {}),
});

const FIRST_TOKEN = "content_block_delta";

export function directTarget(llmUrl: string, credential: string, stream: boolean): Target {
  const body = JSON.stringify(request(stream));
  return {
    url: new URL("/v1/messages", llmUrl),
    headers: { "x-api-key": credential, "anthropic-version": "2023-06-01" },
    body: () => body,
    firstTokenMarker: stream ? FIRST_TOKEN : null,
  };
}

export function portkeyTarget(portkeyUrl: string, llmUrl: string, credential: string, stream: boolean): Target {
  const body = JSON.stringify(request(stream));
  return {
    url: new URL("/v1/messages", portkeyUrl),
    headers: {
      "x-portkey-provider": "anthropic",
      "x-portkey-custom-host": `${llmUrl}/v1`,
      "x-api-key": credential,
      "anthropic-version": "2023-06-01",
    },
    body: () => body,
    firstTokenMarker: stream ? FIRST_TOKEN : null,
  };
}

const GROUPS = 16;
const group = (i: number) => `1203630${i % GROUPS}@g.us`;

/**
 * The BaaS app over tRPC exactly as the plugin calls it: `gateway.complete` through httpLink,
 * `gateway.stream` through httpBatchStreamLink (JSON lines), superjson envelopes, the instance key.
 * Each call has its own callId and one of 16 WhatsApp groups, so attribution, budgets, rate limits
 * and usage writes all run. Several URLs = several processes behind a load balancer.
 */
export function appTarget(trpcUrls: string[], instanceKey: string, stream: boolean): Target {
  const run = Math.random().toString(36).slice(2, 8);
  const input = (i: number) => ({
    provider: "anthropic",
    request: request(false),
    context: { agentId: "lobo", sessionKey: `agent:lobo:whatsapp:group:${group(i)}`, runId: `bench-${run}-${i}`, callId: `bench-${run}-${i}:model:0` },
  });
  return stream
    ? {
        url: trpcUrls.map((u) => new URL(`${u}/gateway.stream?batch=1`)),
        headers: { authorization: `Bearer ${instanceKey}`, "trpc-accept": "application/jsonl" },
        body: (i) => JSON.stringify({ 0: { json: input(i) } }),
        firstTokenMarker: FIRST_TOKEN,
        ok: (text) => text.includes('"usage"') && !text.includes('"error"'),
      }
    : {
        url: trpcUrls.map((u) => new URL(`${u}/gateway.complete`)),
        headers: { authorization: `Bearer ${instanceKey}` },
        body: (i) => JSON.stringify({ json: input(i) }),
        firstTokenMarker: null,
      };
}

/**
 * The plugin's loopback relay as OpenClaw's Anthropic transport calls it: @anthropic-ai/sdk's
 * request (its headers captured from the SDK itself, see sdk-headers.ts), the relay token as the
 * API key, and the turn's context in the relay's context header, one WhatsApp group of 16 per call.
 */
export function pluginTarget(relayUrl: string, token: string, sdk: Record<string, string>, stream: boolean): Target {
  const run = Math.random().toString(36).slice(2, 8);
  const body = JSON.stringify(request(stream));
  const context = (i: number) => ({
    agentId: "lobo",
    sessionKey: `agent:lobo:whatsapp:group:${group(i)}`,
    channel: "whatsapp",
    peerKind: "group" as const,
    peerId: group(i),
    runId: `bench-${run}-${i}`,
    callId: `bench-${run}-${i}:model:0`,
  });
  return {
    url: new URL("/v1/messages", relayUrl),
    headers: { ...sdk, "x-api-key": token },
    headersFor: (i) => ({ [CONTEXT_HEADER]: encodeContext(context(i)) }),
    body: () => body,
    firstTokenMarker: stream ? FIRST_TOKEN : null,
    // The relay turns refusals and outages into a normal assistant answer with status 200: a row
    // counts only answers that came from the upstream (its usage carries output tokens).
    ok: (text) => (stream ? text.includes("message_stop") : text.includes('"output_tokens"')) && !text.includes("unavailable"),
  };
}

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

/**
 * The BaaS gateway over tRPC exactly as the plugin calls it: `gateway.complete` through httpLink,
 * `gateway.stream` through httpBatchStreamLink (JSON lines). Each call has its own callId and one
 * of 16 WhatsApp groups, so attribution, budgets, rate limits and usage writes all run.
 */
export function baasTarget(trpcUrl: string, instanceKey: string, stream: boolean): Target {
  const run = Math.random().toString(36).slice(2, 8);
  const input = (i: number) => ({
    provider: "anthropic",
    request: request(false),
    context: {
      agentId: "lobo",
      sessionKey: `agent:lobo:whatsapp:group:1203630${i % GROUPS}@g.us`,
      runId: `bench-${run}-${i}`,
      callId: `bench-${run}-${i}:model:0`,
    },
  });
  return stream
    ? {
        url: new URL(`${trpcUrl}/gateway.stream?batch=1`),
        headers: { authorization: `Bearer ${instanceKey}`, "trpc-accept": "application/jsonl" },
        body: (i) => JSON.stringify({ 0: { json: input(i) } }),
        firstTokenMarker: FIRST_TOKEN,
        ok: (text) => text.includes('"usage"') && !text.includes('"error"'),
      }
    : {
        url: new URL(`${trpcUrl}/gateway.complete`),
        headers: { authorization: `Bearer ${instanceKey}` },
        body: (i) => JSON.stringify({ json: input(i) }),
        firstTokenMarker: null,
      };
}

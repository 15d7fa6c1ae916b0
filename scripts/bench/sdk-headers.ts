/**
 * The headers OpenClaw's Anthropic transport sends to the plugin's relay are @anthropic-ai/sdk's:
 * rather than copy them by hand, one real SDK request is made to a loopback listener and its
 * headers are kept, so the load client sends exactly what the SDK does (x-stainless-*, user agent,
 * accept, anthropic-version).
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { join } from "node:path";

type AnthropicCtor = new (o: { baseURL: string; apiKey: string; maxRetries: number }) => {
  messages: { create(body: unknown, opts?: { headers?: Record<string, string> }): Promise<unknown> };
};

/** Headers the SDK sends for one Messages call (minus those the load client sets per request). */
export async function sdkHeaders(repoRoot: string, stream: boolean): Promise<Record<string, string>> {
  const require = createRequire(join(repoRoot, "packages/clawdbot-plugin/package.json"));
  const mod = require("@anthropic-ai/sdk") as { default?: AnthropicCtor } & AnthropicCtor;
  const Anthropic = mod.default ?? mod;
  let seen: http.IncomingHttpHeaders = {};
  const server = http.createServer((req, res) => {
    seen = req.headers;
    req.resume();
    res.writeHead(400, { "content-type": "application/json" }).end('{"type":"error","error":{"type":"invalid_request_error","message":"captured"}}');
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const client = new Anthropic({ baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: "captured", maxRetries: 0 });
  await client.messages.create({ model: "bench-header-capture", max_tokens: 1, messages: [{ role: "user", content: "x" }], ...(stream ? { stream: true } : {}) }).catch(() => undefined);
  server.close();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(seen)) {
    if (["host", "content-length", "connection", "x-api-key", "content-type"].includes(k) || typeof v !== "string") continue;
    out[k] = v;
  }
  if (!out["anthropic-version"]) throw new Error("@anthropic-ai/sdk sent no anthropic-version header: header capture failed");
  return out;
}

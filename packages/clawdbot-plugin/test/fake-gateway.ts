/**
 * A stand-in for the gateway.* router, speaking the shared contract over real tRPC (superjson,
 * httpBatchStreamLink), backed by the testkit's fake Anthropic upstream. Lets the relay be
 * tested without PostgreSQL/Redis; the end-to-end suite uses the real gateway.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { initTRPC, TRPCError } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import superjson from "superjson";
import { z } from "zod";

export interface FakeGatewayState {
  calls: Array<{ path: string; input: any }>;
  reject: null | { code: "PAYMENT_REQUIRED" | "TOO_MANY_REQUESTS" | "UNAUTHORIZED" | "CONFLICT"; message: string; sentence?: string; retryAfterSec?: number };
  preflight: { allow: boolean; model?: string; message?: string };
  usageIds: Set<string>;
}

export async function startFakeGateway(opts: { llmUrl: string; credential: string }) {
  const state: FakeGatewayState = { calls: [], reject: null, preflight: { allow: true }, usageIds: new Set() };
  const t = initTRPC.create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const c = error.cause as { sentence?: string; retryAfterSec?: number } | undefined;
      return { ...shape, data: { ...shape.data, appCode: error.code === "PAYMENT_REQUIRED" ? "BUDGET_EXCEEDED" : null, retryAfterSec: c?.retryAfterSec ?? null, details: c?.sentence ? { message: c.sentence } : null } };
    },
  });
  const guard = () => {
    if (state.reject) {
      const r = state.reject;
      throw new TRPCError({ code: r.code, message: r.message, cause: Object.assign(new Error(r.message), { sentence: r.sentence, retryAfterSec: r.retryAfterSec }) });
    }
  };
  const callInput = z.object({ provider: z.enum(["anthropic", "openai"]), request: z.record(z.string(), z.unknown()), context: z.object({ agentId: z.string() }).passthrough() });
  const upstream = (input: { provider: "anthropic" | "openai"; request: Record<string, unknown> }) =>
    input.provider === "openai"
      ? fetch(`${opts.llmUrl}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${opts.credential}` }, body: JSON.stringify(input.request) })
      : fetch(`${opts.llmUrl}/v1/messages`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": opts.credential, "anthropic-version": "2023-06-01" }, body: JSON.stringify(input.request) });
  const router = t.router({
    gateway: t.router({
      preflight: t.procedure.input(z.any()).mutation(({ input }) => {
        state.calls.push({ path: "preflight", input });
        const p = state.preflight;
        return p.allow ? { allow: true as const, model: p.model ?? input.model, reason: null, message: null } : { allow: false as const, model: null, reason: "budget" as const, message: p.message ?? "no" };
      }),
      stream: t.procedure.input(callInput).mutation(async function* ({ input }) {
        state.calls.push({ path: "stream", input });
        guard();
        const res = await upstream(input);
        // Like the real gateway: the upstream's own SSE text, one item per read.
        const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          const text = decoder.decode(chunk, { stream: true });
          if (text) yield { type: "sse" as const, text };
        }
        yield { type: "usage" as const, usage: { usageEventId: "u1", model: String(input.request.model), inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, costTenant: 0, currency: "USD", account: "Max #1", fallbackPath: ["Max #1"], cacheHit: false } };
      }),
      complete: t.procedure.input(callInput).mutation(async ({ input }) => {
        state.calls.push({ path: "complete", input });
        guard();
        return { response: await (await upstream(input)).json() };
      }),
      reportUsage: t.procedure.input(z.object({ events: z.array(z.object({ eventId: z.string(), occurredAt: z.date() }).passthrough()) })).mutation(({ input }) => {
        state.calls.push({ path: "reportUsage", input });
        guard();
        let accepted = 0;
        for (const e of input.events) if (!state.usageIds.has(e.eventId)) { state.usageIds.add(e.eventId); accepted++; }
        return { accepted, duplicates: input.events.length - accepted };
      }),
    }),
  });
  const handler = createHTTPHandler({ router, basePath: "/api/trpc/" });
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    state,
    url: `http://127.0.0.1:${port}/api/trpc`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/**
 * Development tool: where does one BaaS call spend its time? Sequential calls (concurrency 1),
 * timed in-process: the fake upstream alone, the engine alone (no HTTP/tRPC), the HotStore's
 * methods (every Redis round trip), and the whole call through the API server. Useful while
 * other processes load the machine, because it compares phases of the same run.
 *
 *   node --import tsx scripts/bench/phases.ts [calls=2000] [durable|async] [direct|engine|http+trpc|stream] [concurrency=1]
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { createRequire } from "node:module";
import { startApiServer } from "@baas/api";
import { createDb, parseEncryptionKey } from "@baas/db";
import { createGatewayEngine, createRedisHotStore, type HotStore } from "@baas/gateway";
import { createGatewayFixture } from "@baas/gateway/testing";
import { startJsonChild } from "./children";
import { repoRoot } from "../lib/test-env";

const N = Number(process.argv[2] ?? 2000);
const mode = process.argv[3] ?? "durable";
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/baas_bench";
const key = parseEncryptionKey("QkVOQ0hCRU5DSEJFTkNIQkVOQ0hCRU5DSEJFTkNIISE=");

const fake = await startJsonChild<{ llm: string }>(process.execPath, ["--import", "tsx", `${repoRoot}/packages/testkit/src/cli.ts`, "--llm-port", "0"]);
const db = createDb({ connectionString: DATABASE_URL, max: 8 });
const fx = await createGatewayFixture(db, { llmUrl: fake.info.llm, encryptionKey: key, currency: "BRL" });
await db.budget.create({ data: { tenantId: fx.tenant.id, scope: "TENANT", name: "b", period: "MONTHLY", currency: "BRL", limitMoneyMicros: 10n ** 15n, action: "BLOCK" } });
await db.rateLimitRule.create({ data: { tenantId: fx.tenant.id, scope: "TENANT", window: "MINUTE", maxRequests: 100_000_000, maxTokens: 2_000_000_000 } });

const hotTimes = new Map<string, number[]>();
const raw = await createRedisHotStore({ url: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/0", prefix: `phases:${randomUUID()}:` });
const hot = new Proxy(raw, {
  get(t, p) {
    const v = Reflect.get(t, p) as unknown;
    if (typeof v !== "function") return v;
    return async (...args: unknown[]) => {
      const s = performance.now();
      try {
        return await (v as (...a: unknown[]) => unknown).apply(t, args);
      } finally {
        const arr = hotTimes.get(String(p)) ?? [];
        arr.push(performance.now() - s);
        hotTimes.set(String(p), arr);
      }
    };
  },
}) as HotStore;
const engine = createGatewayEngine({
  db,
  hot,
  encryptionKey: key,
  accountNamePrefix: fx.accountPrefix,
  notifier: { notify: () => undefined },
  fx: { fallbackRates: { BRL: 5.4 } },
  usage: { databaseUrl: DATABASE_URL, asyncCommit: mode === "async" },
});
const server = await startApiServer({ services: { db, gateway: engine } });

const request = { model: "claude-sonnet-4-5", max_tokens: 256, messages: [{ role: "user", content: "Bom dia! Qual é a previsão do tempo hoje?" }] };
const ctx = (i: number) => ({ agentId: "lobo", sessionKey: `agent:lobo:whatsapp:group:1203630${i % 16}@g.us`, callId: `ph-${randomUUID()}-${i}` });
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(process.argv[5] ?? 1) });

function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  const s = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve(performance.now() - s) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const only = process.argv[4];
const CONC = Number(process.argv[5] ?? 1);
// Times the usage writer's statements (its own pg pool) like the HotStore calls.
const pg = createRequire(`${repoRoot}/packages/gateway/package.json`)("pg") as typeof import("pg");
const origQuery = pg.Pool.prototype.query;
pg.Pool.prototype.query = function (this: unknown, ...args: unknown[]) {
  const s = performance.now();
  const r = (origQuery as (...a: unknown[]) => unknown).apply(this, args);
  if (r instanceof Promise) {
    void r.finally(() => {
      const arr = hotTimes.get("pg.query") ?? [];
      arr.push(performance.now() - s);
      hotTimes.set("pg.query", arr);
    }).catch(() => undefined);
  }
  return r;
} as typeof pg.Pool.prototype.query;
async function timeIt(name: string, f: (i: number) => Promise<unknown>): Promise<void> {
  if (only && only !== name) return;
  for (let i = 0; i < 200; i++) await f(i);
  hotTimes.clear();
  const t: number[] = [];
  const cpu0 = process.cpuUsage();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      while (next < N) {
        const i = next++;
        const s = performance.now();
        await f(i);
        t.push(performance.now() - s);
      }
    }),
  );
  const rps = Math.round(N / ((performance.now() - t0) / 1000));
  const cpu = process.cpuUsage(cpu0);
  t.sort((a, b) => a - b);
  const q = (p: number) => t[Math.floor(p * t.length)]!.toFixed(3);
  // CPU µs per call of this process (client + BaaS): what bounds throughput on 2 shared cores.
  const cpuUs = ((cpu.user + cpu.system) / N).toFixed(0);
  console.log(`${name.padEnd(10)} p50 ${q(0.5)}  p99 ${q(0.99)}  mean ${(t.reduce((a, b) => a + b, 0) / t.length).toFixed(3)}  cpu ${cpuUs} µs/call  ${rps} rps at c=${CONC}`);
  for (const [m, arr] of hotTimes) {
    arr.sort((a, b) => a - b);
    console.log(`   hot.${m.padEnd(9)} x${(arr.length / N).toFixed(1)}/call  p50 ${arr[Math.floor(arr.length / 2)]!.toFixed(3)}`);
  }
}

const direct = JSON.stringify(request);
await timeIt("direct", () => post(`${fake.info.llm}/v1/messages`, { "x-api-key": fx.accounts.max1.credential, "anthropic-version": "2023-06-01" }, direct));
await timeIt("engine", (i) => engine.complete(fx.tenant.id, fx.instance.id, { provider: "anthropic", request, context: ctx(i) }));
await timeIt("http+trpc", (i) =>
  post(`${server.trpcUrl}/gateway.complete`, { authorization: `Bearer ${fx.instanceKey}` }, JSON.stringify({ json: { provider: "anthropic", request, context: ctx(i) } })),
);
await timeIt("stream", (i) =>
  post(
    `${server.trpcUrl}/gateway.stream?batch=1`,
    { authorization: `Bearer ${fx.instanceKey}`, "trpc-accept": "application/jsonl" },
    JSON.stringify({ 0: { json: { provider: "anthropic", request: { ...request, stream: true }, context: ctx(i) } } }),
  ),
);

agent.destroy();
await server.close();
await raw.clear();
await engine.close();
await db.$disconnect();
await fake.child.stop();
process.exit(0);

/**
 * `npm run bench`: what users get. Four paths against the testkit's fake Anthropic API on loopback
 * (zero added latency), the same closed-loop client for all:
 *   direct       the fake upstream alone
 *   portkey      the open-source Portkey gateway in front of it
 *   baas-app     the app exactly as `npm start` serves it (production Next build + apps/web/server.ts,
 *                PostgreSQL + Redis, a budget, a rate limit, 16 WhatsApp groups, durable usage);
 *                1 process, and 2 processes sharing PostgreSQL and Redis behind a load balancer
 *   baas-plugin  the plugin's loopback relay (startRelay, as the plugin starts it) in front of
 *                baas-app, called with @anthropic-ai/sdk's request as OpenClaw's transport does
 * Concurrency 1, 32, 128; streaming and not. Writes bench-results.json at the repository root.
 * BENCH_OPENCLAW=1 adds real OpenClaw turns with and without the plugin (scripts/bench/openclaw.ts).
 */
import { randomUUID } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { loadavg } from "node:os";
import { createDb, parseEncryptionKey } from "@baas/db";
import { dropDatabase, ensureDatabase, migrateDatabase } from "@baas/db/migrate";
import { createRedisHotStore } from "@baas/gateway";
import { primeApp, startApp } from "./bench/app";
import { startJsonChild, type Child } from "./bench/children";
import { runLoad, type Target } from "./bench/load";
import { openclawRows, type OpenClawRow } from "./bench/openclaw";
import { startPortkey } from "./bench/portkey";
import { markdownTable, printTable, verdicts, type BenchPath, type Row } from "./bench/report";
import { sdkHeaders } from "./bench/sdk-headers";
import { seedBench } from "./bench/seed";
import { appTarget, directTarget, pluginTarget, portkeyTarget } from "./bench/targets";
import { ensurePostgres, ensureRedis } from "./lib/services";
import { buildWeb } from "./lib/start-web";
import { pnpm, repoRoot } from "./lib/test-env";

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/baas_bench";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/0";
const KEY = "QkVOQ0hCRU5DSEJFTkNIQkVOQ0hCRU5DSEJFTkNIISE=";
/** BENCH_QUICK=1: concurrency 1 and 32, non-streaming, 3 s each (development loop). */
const QUICK = process.env.BENCH_QUICK === "1";
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 3 : 4));
const WARMUP_MS = 1_000;
const list = (v: string | undefined, d: string) => (v ?? d).split(",").map((s) => s.trim()).filter(Boolean);
const CONCURRENCY = list(process.env.BENCH_CONCURRENCY, QUICK ? "1,32" : "1,32,128").map(Number);
const STREAMING = list(process.env.BENCH_STREAMING, QUICK ? "false" : "false,true").map((s) => s === "true");
const PATHS = new Set(list(process.env.BENCH_PATHS, "direct,portkey,baas-app,baas-plugin"));
const PROCESSES = list(process.env.BENCH_PROCESSES, "1,2").map(Number);
/** Where the results go (quick runs do not overwrite the deliverable unless asked). */
const OUT = process.env.BENCH_OUT ?? (QUICK ? "/tmp/bench-quick.json" : join(repoRoot, "bench-results.json"));

const children: Child[] = [];
const stopAll = () => Promise.all(children.map((c) => c.stop()));
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void stopAll().then(() => process.exit(130)));

await Promise.all([ensurePostgres(), ensureRedis()]);
if (!existsSync(join(repoRoot, "packages/db/src/generated/prisma/client.ts"))) pnpm(["--filter", "@baas/db", "run", "db:generate"]);
// The bench's own database, fresh each run: the app's engine serves every account it can decrypt,
// so earlier runs' accounts (pointing at fakes long gone) must not be in it.
await dropDatabase(DATABASE_URL);
await ensureDatabase(DATABASE_URL);
await migrateDatabase(DATABASE_URL);
if (process.env.BENCH_SKIP_BUILD !== "1") buildWeb(repoRoot, process.env);

const rows: Row[] = [];
const openclaw: OpenClawRow[] = [];
const redisPrefix = `bench:${randomUUID()}:`;
try {
  const fake = await startJsonChild<{ llm: string }>(process.execPath, ["--import", "tsx", join(repoRoot, "packages/testkit/src/cli.ts"), "--llm-port", "0"]);
  children.push(fake.child);
  const llmUrl = fake.info.llm;
  const db = createDb({ connectionString: DATABASE_URL, max: 2 });
  const fx = await seedBench(db, llmUrl, parseEncryptionKey(KEY));
  await db.$disconnect();
  const credential = fx.accounts.max1.credential;

  const wantApp = PATHS.has("baas-app") || PATHS.has("baas-plugin");
  const appOpts = { repoRoot, databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, redisPrefix, encryptionKeyB64: KEY, cpuProfileDir: process.env.BENCH_PROFILE_DIR };
  const apps = wantApp ? [await startApp(appOpts)] : [];
  if (wantApp && PROCESSES.includes(2)) apps.push(await startApp(appOpts));
  children.push(...apps.map((a) => a.child));
  await Promise.all(apps.map((a) => primeApp(a.trpcUrl, fx.instanceKey)));
  const relay = PATHS.has("baas-plugin") && apps[0]
    ? await startJsonChild<{ url: string; token: string }>(process.execPath, ["--disable-warning=ExperimentalWarning", "--import", "tsx", join(repoRoot, "scripts/bench/relay-server.ts"), apps[0].trpcUrl, fx.instanceKey])
    : null;
  if (relay) children.push(relay.child);
  const sdk = relay ? { false: await sdkHeaders(repoRoot, false), true: await sdkHeaders(repoRoot, true) } : null;
  const portkey = PATHS.has("portkey")
    ? await startPortkey(createRequire(import.meta.url)).catch((e: Error) => {
        console.error(`[bench] Portkey could not start: ${e.message}`);
        return null;
      })
    : null;
  if (portkey) children.push(portkey.child);

  for (const streaming of STREAMING) {
    for (const concurrency of CONCURRENCY) {
      const cells: [BenchPath, number, Target, Child[], Child | null][] = [];
      if (PATHS.has("direct")) cells.push(["direct", 0, directTarget(llmUrl, credential, streaming), [], null]);
      // Portkey 1.15.2 answers 500 to every streamed request on Node 24 (see scripts/bench/README.md).
      if (portkey && (!streaming || process.env.BENCH_PORTKEY_STREAM === "1")) cells.push(["portkey", 0, portkeyTarget(portkey.url, llmUrl, credential, streaming), [portkey.child], null]);
      if (PATHS.has("baas-app") && PROCESSES.includes(1)) cells.push(["baas-app", 1, appTarget([apps[0]!.trpcUrl], fx.instanceKey, streaming), [apps[0]!.child], null]);
      if (relay && sdk) cells.push(["baas-plugin", 1, pluginTarget(relay.info.url, relay.info.token, sdk[`${streaming}`], streaming), [apps[0]!.child], relay.child]);
      // Two processes only where there is more than one caller to spread.
      if (PATHS.has("baas-app") && apps.length > 1 && concurrency > 1) cells.push(["baas-app", 2, appTarget(apps.map((a) => a.trpcUrl), fx.instanceKey, streaming), apps.map((a) => a.child), null]);
      for (const [path, processes, target, measured, relayChild] of cells) rows.push(await cell(path, processes, target, measured, relayChild, streaming, concurrency));
    }
  }
  if (process.env.BENCH_OPENCLAW === "1" && apps[0]) {
    const pairs = Number(process.env.BENCH_OPENCLAW_PAIRS ?? 10);
    openclaw.push(...(await openclawRows({ llmUrl, credential, trpcUrl: apps[0].trpcUrl, instanceKey: fx.instanceKey, pairs })));
  }
} finally {
  await stopAll();
  const hot = await createRedisHotStore({ url: REDIS_URL, prefix: redisPrefix }).catch(() => null);
  await hot?.clear();
  await hot?.close();
}

async function cell(path: BenchPath, processes: number, target: Target, measured: Child[], relayChild: Child | null, streaming: boolean, concurrency: number): Promise<Row> {
  const load = loadavg()[0]!;
  let rss = 0;
  let relayRss = 0;
  const sample = () => {
    rss = Math.max(rss, measured.reduce((s, c) => s + (c.rssMb() ?? 0), 0));
    if (relayChild) relayRss = Math.max(relayRss, relayChild.rssMb() ?? 0);
  };
  const cpu = () => measured.reduce((s, c) => s + (c.cpuMs() ?? 0), 0);
  const cpu0 = cpu();
  const sampler = setInterval(sample, 250);
  const r = await runLoad(target, concurrency, SECONDS * 1000, WARMUP_MS);
  clearInterval(sampler);
  sample();
  const cpuPerCall = measured.length && r.total ? Math.round(((cpu() - cpu0) / r.total) * 100) / 100 : null;
  if (r.errors) console.error(`[bench] ${path} x${processes} c=${concurrency} stream=${streaming}: ${r.errors} errors, first: ${r.firstError}`);
  const row: Row = { path, processes, streaming, concurrency, rps: r.rps, p50_ms: r.p50, p95_ms: r.p95, p99_ms: r.p99, ttft_p50_ms: r.ttftP50, rss_mb: measured.length ? rss : null, cpu_ms_per_call: cpuPerCall, errors: r.errors, load_1m: Math.round(load * 100) / 100 };
  if (relayChild) row.relay_rss_mb = relayRss;
  console.error(`[bench] ${path} x${processes} stream=${streaming} c=${concurrency}: ${r.rps} rps, p50 ${r.p50} ms, p99 ${r.p99} ms${r.ttftP50 !== null ? `, ttft ${r.ttftP50} ms` : ""}`);
  return row;
}

writeFileSync(OUT, `${JSON.stringify([...rows, ...openclaw], null, 2)}\n`);
console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(", ")} (2 cores; per-cell 1-minute load in the 'load' column)`);
printTable(rows);
console.log("");
for (const v of verdicts(rows)) console.log(v);
for (const r of openclaw) console.log(`OpenClaw turn ${r.plugin ? "with" : "without"} the plugin: median ${r.median_turn_ms} ms over ${r.turns} turns${r.median_added_ms !== null ? ` (median added per pair ${r.median_added_ms} ms)` : ""}`);
if (process.env.BENCH_MARKDOWN === "1") console.log(`\n${markdownTable(rows)}`);
process.exit(0);

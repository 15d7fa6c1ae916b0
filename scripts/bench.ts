/**
 * `npm run bench`: BaaS vs calling the fake upstream directly vs the open-source Portkey gateway,
 * at concurrency 1, 32 and 128, streaming and not, all against the testkit's fake Anthropic API on
 * loopback (zero added latency). Budgets, rate limits, attribution and persistence are on for BaaS.
 * Prints a table and writes bench-results.json at the repository root.
 */
import { existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { loadavg } from "node:os";
import { ensureDatabase, migrateDatabase } from "@baas/db/migrate";
import { startJsonChild, type Child } from "./bench/children";
import { runLoad, type Target } from "./bench/load";
import { baasTarget, directTarget, portkeyTarget } from "./bench/targets";
import { ensurePostgres, ensureRedis } from "./lib/services";
import { pnpm, repoRoot } from "./lib/test-env";
import { startPortkey } from "./bench/portkey";

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/baas_bench";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/0";
const KEY = "QkVOQ0hCRU5DSEJFTkNIQkVOQ0hCRU5DSEJFTkNIISE=";
/** BENCH_QUICK=1: concurrency 1 and 32, non-streaming, 3 s each (development loop). */
const QUICK = process.env.BENCH_QUICK === "1";
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 3 : 5));
const WARMUP_MS = QUICK ? 1_000 : 1_500;
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? (QUICK ? "1,32" : "1,32,128")).split(",").map(Number);
const STREAMING = (process.env.BENCH_STREAMING ?? (QUICK ? "false" : "false,true")).split(",").map((s) => s === "true");
/** Where the results go (quick runs do not overwrite the deliverable unless asked). */
const OUT = process.env.BENCH_OUT ?? (QUICK ? "/tmp/bench-quick.json" : join(repoRoot, "bench-results.json"));

interface Row {
  target: "baas" | "direct" | "portkey";
  streaming: boolean;
  concurrency: number;
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  ttft_p50_ms: number | null;
  rss_mb: number | null;
}

await Promise.all([ensurePostgres(), ensureRedis()]);
if (!existsSync(join(repoRoot, "packages/db/src/generated/prisma/client.ts"))) pnpm(["--filter", "@baas/db", "run", "db:generate"]);
await ensureDatabase(DATABASE_URL);
await migrateDatabase(DATABASE_URL);

const tsx = ["--import", "tsx"];
const children: Child[] = [];
const fake = await startJsonChild<{ llm: string }>(process.execPath, [...tsx, join(repoRoot, "packages/testkit/src/cli.ts"), "--llm-port", "0"]);
children.push(fake.child);
const llmUrl = fake.info.llm;
const baas = await startJsonChild<{ trpcUrl: string; instanceKey: string; credential: string }>(
  process.execPath,
  [...(process.env.BENCH_PROFILE_DIR ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []), ...tsx, join(repoRoot, "scripts/bench/baas-server.ts"), DATABASE_URL, REDIS_URL, llmUrl, KEY],
  { NODE_ENV: "production" },
);
children.push(baas.child);
const portkey = await startPortkey(createRequire(import.meta.url)).catch((e: Error) => {
  console.error(`[bench] Portkey could not start: ${e.message}`);
  return null;
});
if (portkey) children.push(portkey.child);

const rows: Row[] = [];
try {
  for (const streaming of STREAMING) {
    for (const concurrency of CONCURRENCY) {
      const targets: [Row["target"], Target, Child | null][] = [
        ["direct", directTarget(llmUrl, baas.info.credential, streaming), null],
        ["baas", baasTarget(baas.info.trpcUrl, baas.info.instanceKey, streaming), baas.child],
      ];
      if (portkey) targets.push(["portkey", portkeyTarget(portkey.url, llmUrl, baas.info.credential, streaming), portkey.child]);
      for (const [name, target, child] of targets) {
        let rss = 0;
        const sampler = setInterval(() => (rss = Math.max(rss, child?.rssMb() ?? 0)), 250);
        const r = await runLoad(target, concurrency, SECONDS * 1000, WARMUP_MS);
        clearInterval(sampler);
        if (r.errors) console.error(`[bench] ${name} c=${concurrency} stream=${streaming}: ${r.errors} errors, first: ${r.firstError}`);
        rows.push({ target: name, streaming, concurrency, rps: r.rps, p50_ms: r.p50, p95_ms: r.p95, p99_ms: r.p99, ttft_p50_ms: r.ttftP50, rss_mb: child ? rss || child.rssMb() : null });
      }
    }
  }
} finally {
  await Promise.all(children.map((c) => c.stop()));
}

writeFileSync(OUT, `${JSON.stringify(rows, null, 2)}\n`);
console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(", ")}`);
printTable(rows);
if (!portkey) console.log("Portkey: not measured (it did not start on this machine; see the message above).");

function printTable(rs: Row[]): void {
  const head = ["target", "stream", "conc", "rps", "p50 ms", "p95 ms", "p99 ms", "ttft p50", "rss MB"];
  const lines = rs.map((r) => [r.target, String(r.streaming), String(r.concurrency), String(r.rps), String(r.p50_ms), String(r.p95_ms), String(r.p99_ms), String(r.ttft_p50_ms ?? "-"), String(r.rss_mb ?? "-")]);
  const w = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padStart(w[i]!)).join("  ");
  console.log(fmt(head));
  for (const l of lines) console.log(fmt(l));
  for (const streaming of [false, true]) {
    const at = (t: string, c: number) => rs.find((r) => r.target === t && r.streaming === streaming && r.concurrency === c);
    const b1 = at("baas", 1);
    const d1 = at("direct", 1);
    if (b1 && d1) {
      const ttft = b1.ttft_p50_ms !== null && d1.ttft_p50_ms !== null ? `, added ttft p50 ${(b1.ttft_p50_ms - d1.ttft_p50_ms).toFixed(2)} ms` : "";
      console.log(`${streaming ? "streaming" : "non-streaming"}: BaaS added p50 ${(b1.p50_ms - d1.p50_ms).toFixed(2)} ms, p99 ${(b1.p99_ms - d1.p99_ms).toFixed(2)} ms at concurrency 1${ttft}`);
    }
  }
}

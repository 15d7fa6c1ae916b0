/**
 * Analytics at volume: seeds one tenant with 1,000,000 usage events (scripts/analytics/seed-volume.ts,
 * once) and measures p50/p95 of every analytics query through the tRPC caller, as an operator
 * (the tenant middleware included). Run: npm run bench:analytics
 * ANALYTICS_BENCH_DATABASE_URL picks the database (default baas_bench_analytics), ANALYTICS_BENCH_EVENTS the volume.
 */
import { performance } from "node:perf_hooks";
import { createCaller, createTRPCContext } from "@baas/api";
import { getDb } from "@baas/db";
import { ensureDatabase, migrateDatabase } from "@baas/db/migrate";
import { seedVolume } from "./analytics/seed-volume";
import { ensurePostgres } from "./lib/services";

const URL = process.env.ANALYTICS_BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/baas_bench_analytics";
const EVENTS = Number(process.env.ANALYTICS_BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.ANALYTICS_BENCH_RUNS ?? 30);

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function main() {
  await ensurePostgres();
  await ensureDatabase(URL);
  await migrateDatabase(URL);
  const db = getDb(URL);
  const { tenantId } = await seedVolume(db, EVENTS, (s) => console.log(`[bench] ${s}`));
  const op = await db.user.upsert({ where: { email: "bench-operator@baas.local" }, create: { email: "bench-operator@baas.local", platformRole: "OPERATOR" }, update: {} });
  const api = createCaller(createTRPCContext({ services: { db }, headers: new Headers(), user: { id: op.id, email: op.email, name: null, platformRole: "OPERATOR" } }));
  const busiestAgent = await db.agent.findFirstOrThrow({ where: { tenantId }, orderBy: { externalId: "asc" } });
  const busiestGroup = await db.channel.findFirstOrThrow({ where: { tenantId, peerKind: "GROUP" }, orderBy: { externalId: "asc" } });
  const session = (await db.usageEvent.findFirstOrThrow({ where: { tenantId, agentId: busiestAgent.id }, orderBy: { occurredAt: "desc" }, select: { sessionKey: true } })).sessionKey!;
  const r90 = { tenantId, range: "90d" as const };
  const queries: [string, () => Promise<unknown>][] = [
    ["summary, today", () => api.analytics.summary({ tenantId, range: "today" })],
    ["summary, 30 days", () => api.analytics.summary({ tenantId, range: "30d" })],
    ["summary, 90 days", () => api.analytics.summary(r90)],
    ["daily by channel, 90 days", () => api.analytics.daily({ ...r90, stackBy: "channel" })],
    ["daily by agent, 90 days", () => api.analytics.daily({ ...r90, stackBy: "agent" })],
    ["performance, 90 days", () => api.analytics.performance(r90)],
    ["sessions of a group, 90 days", () => api.analytics.sessions({ ...r90, scope: "channel", id: busiestGroup.id })],
    ["sessions of an agent, 90 days", () => api.analytics.sessions({ ...r90, scope: "agent", id: busiestAgent.id })],
    ["calls of a session, 90 days", () => api.analytics.calls({ ...r90, sessionKey: session })],
  ];
  const rows: string[] = [];
  for (const [name, run] of queries) {
    for (let i = 0; i < 3; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    rows.push(`| ${name} | ${pct(times, 0.5).toFixed(1)} | ${pct(times, 0.95).toFixed(1)} | ${pct(times, 0.95) < 300 ? "yes" : "NO"} |`);
    console.log(rows.at(-1));
  }
  console.log(`\n${EVENTS.toLocaleString("en")} events, ${RUNS} runs each after 3 warm-ups\n\n| query | p50 ms | p95 ms | < 300 ms |\n| --- | --- | --- | --- |\n${rows.join("\n")}`);
  await db.$disconnect();
}

await main();

/**
 * `npm start`: the control plane on APP_URL (http://127.0.0.1:$PORT by default), in production mode.
 *   config   → scripts/lib/start-env.ts (zod; one clear line per problem)
 *   database → DATABASE_URL, or an embedded PGlite server in .data/pglite; created, migrated, seeded
 *   demo     → (no DATABASE_URL, or BAAS_DEMO_MODE=true) fake Anthropic/OpenAI and Stripe on
 *              loopback, demo tenant "VM Deco" with four weeks of usage
 *   web      → built once with turbo (cached), then `next start`; signals are forwarded and
 *              everything started here is stopped when it exits.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { demoKeyLine } from "./lib/demo-key";
import { summaryLines, type StartSummary } from "./lib/start-summary";
import { repoRoot } from "./lib/test-env";
import { resolveStartConfig, StartupError, type StartConfig } from "./lib/start-env";

type Cleanup = () => Promise<void>;
const cleanups: Cleanup[] = [];
async function cleanup(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
}

function log(line: string): void {
  console.error(`[baas] ${line}`);
}

/** The Prisma client is generated code: (re)generate it when missing or older than the schema. */
function ensurePrismaClient(): void {
  const client = join(repoRoot, "packages", "db", "src", "generated", "prisma", "client.ts");
  const schema = join(repoRoot, "prisma", "schema.prisma");
  if (existsSync(client) && statSync(client).mtimeMs >= statSync(schema).mtimeMs) return;
  log("generating the Prisma client");
  const r = spawnSync("pnpm", ["--filter", "@baas/db", "run", "db:generate"], { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new StartupError("generating the Prisma client failed (see above)");
}

async function startDemoFakes(cfg: StartConfig): Promise<Record<string, string>> {
  const { startFakes } = await import("@baas/testkit");
  try {
    const fakes = await startFakes({
      host: "127.0.0.1", llmPort: cfg.demoUpstreamPort, stripePort: cfg.demoStripePort,
      webhookUrl: `http://127.0.0.1:${cfg.port}/api/stripe/webhook`, webhookSecret: DEMO_STRIPE_WEBHOOK_SECRET,
    });
    cleanups.push(() => fakes.close());
    return fakes.urls;
  } catch (err) {
    throw new StartupError(
      `cannot start the demo upstream on ports ${cfg.demoUpstreamPort}/${cfg.demoStripePort} (${(err as Error).message}): set BAAS_DEMO_UPSTREAM_PORT and BAAS_DEMO_STRIPE_PORT to free ports`,
    );
  }
}

const DEMO_STRIPE_WEBHOOK_SECRET = "whsec_baas_demo_local_only";

type DemoInfo = StartSummary["demo"];

async function seed(cfg: StartConfig, url: string, upstreamUrl: string | undefined): Promise<DemoInfo> {
  const { createDb } = await import("@baas/db");
  const { seedDemo, seedReference, hashInstanceKey, DEMO_OWNER_EMAIL, DEMO_OPERATOR_EMAIL } = await import("@baas/db/seed");
  const db = createDb({ connectionString: url, max: 1 });
  try {
    if (!cfg.demo || !upstreamUrl) {
      await seedReference(db);
      return null;
    }
    const t0 = Date.now();
    const r = await seedDemo(db, { encryptionKey: cfg.encryptionKey, upstreamBaseUrl: upstreamUrl });
    log(`demo data ready in ${Date.now() - t0} ms: tenant "VM Deco" (${Object.keys(r.tenant.agentIds).length} agents, ${r.usage.events} usage events)`);
    const instance = await db.instance.findUnique({ where: { id: r.tenant.instanceId }, select: { keyHash: true } });
    return {
      ownerEmail: DEMO_OWNER_EMAIL,
      operatorEmail: DEMO_OPERATOR_EMAIL,
      tenantId: r.tenant.tenantId,
      keyLine: demoKeyLine(r.tenant.instanceKey, instance?.keyHash ?? null, hashInstanceKey),
    };
  } finally {
    await db.$disconnect();
  }
}

/**
 * The pool size rides in the URL as Prisma's `connection_limit` (read by @baas/db's createDb), so
 * it reaches every pool the web app opens; DATABASE_POOL_MAX is set as well.
 */
function withPoolLimit(url: string, poolMax: number | undefined): string {
  if (!poolMax || url.includes("connection_limit=")) return url;
  const u = new URL(url);
  u.searchParams.set("connection_limit", String(poolMax));
  return u.toString();
}

/** host:port/database of a URL, without credentials, for the log. */
function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

function webEnv(cfg: StartConfig, dbUrl: string, fakes: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(cfg.port),
    HOST: cfg.host,
    APP_URL: cfg.appUrl,
    DATABASE_URL: withPoolLimit(dbUrl, cfg.poolMax),
    AUTH_SECRET: cfg.authSecret,
    BAAS_ENCRYPTION_KEY: cfg.encryptionKey,
    BAAS_DEMO_MODE: cfg.demo ? "true" : "false",
  };
  if (cfg.trustedProxies) env.BAAS_TRUSTED_PROXIES = cfg.trustedProxies;
  if (cfg.poolMax) env.DATABASE_POOL_MAX = String(cfg.poolMax);
  if (cfg.redisUrl) env.REDIS_URL = cfg.redisUrl;
  else delete env.REDIS_URL;
  if (fakes.llm) {
    env.UPSTREAM_DEFAULT_ANTHROPIC_URL ??= fakes.llm;
    env.UPSTREAM_DEFAULT_OPENAI_URL ??= `${fakes.llm}/v1`;
  }
  if (fakes.stripe && !process.env.STRIPE_SECRET_KEY) {
    env.STRIPE_SECRET_KEY = "sk_test_baas_demo";
    env.STRIPE_API_BASE = fakes.stripe;
    env.STRIPE_WEBHOOK_SECRET = DEMO_STRIPE_WEBHOOK_SECRET;
  }
  return env;
}

async function main(): Promise<number> {
  const cfg = resolveStartConfig(process.env, repoRoot);
  if (cfg.secretsSource === "generated") log(`generated demo secrets in ${join(cfg.dataDir, "secrets.json")}`);
  ensurePrismaClient();
  const { openDatabase, checkRedis } = await import("./lib/start-db");
  if (cfg.redisUrl) await checkRedis(cfg.redisUrl);
  const db = await openDatabase(cfg.databaseUrl, cfg.dataDir);
  if (db.embedded) cleanups.push(() => db.embedded!.stop());
  log(`database: ${db.embedded ? `embedded PGlite (${db.embedded.dataDir}) on ${describeUrl(db.url)}` : `PostgreSQL ${describeUrl(db.url)}`}; ${db.applied.length} migration(s) applied`);
  log(`hot state: ${cfg.redisUrl ? "Redis (REDIS_URL)" : "in-process store"}`);
  const fakes = cfg.demo ? await startDemoFakes(cfg) : {};
  const demo = await seed(cfg, db.url, fakes.llm);
  const env = webEnv(cfg, db.url, fakes);
  const { buildWeb, startWeb } = await import("./lib/start-web");
  buildWeb(repoRoot, env);
  log(`starting the control plane (listening on ${cfg.host}:${cfg.port})`);
  webChild = startWeb(repoRoot, cfg.port, env);
  // Every start, after everything else, so it is the last thing on screen before the web logs.
  for (const line of summaryLines({ appUrl: cfg.appUrl, databaseUrl: db.url, embeddedDataDir: db.embedded?.dataDir ?? null, demo })) log(line);
  const child = webChild;
  const code = await new Promise<number>((resolve) => {
    child.once("exit", (c, signal) => resolve(c ?? (signal ? 0 : 1)));
    child.once("error", (err) => {
      log(`next start failed: ${err.message}`);
      resolve(1);
    });
  });
  return code;
}

let webChild: ChildProcess | null = null;
let stopping = false;
/** Once the web app runs, a signal goes to it (its exit ends main); before, it stops the set-up. */
function onSignal(sig: NodeJS.Signals): void {
  if (webChild && webChild.exitCode === null && webChild.signalCode === null) {
    webChild.kill(sig);
    return;
  }
  if (stopping) return;
  stopping = true;
  void cleanup().then(() => process.exit(130));
}
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, onSignal);

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    await cleanup();
    if (err instanceof StartupError) console.error(`[baas] ${err.message}`);
    else console.error(`[baas] start-up failed: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    if (process.env.BAAS_DEBUG && err instanceof Error) console.error(err.stack);
    process.exit(1);
  });

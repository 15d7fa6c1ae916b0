/**
 * `npm test`: the whole suite against real PostgreSQL and Redis on this machine.
 * Migrates the test database, type-checks and lints every workspace (turbo-cached), builds what
 * the end-to-end suites run (the plugin bundle, the Next.js production build), then runs vitest
 * once over every workspace project so the output ends with vitest's own summary line.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ensurePostgres, ensureRedis } from "./lib/services";
import { ChromiumMissing, ensureChromium } from "./lib/chromium";
import { ensureDatabase, migrateDatabase } from "@baas/db/migrate";
import { repoRoot, testEnv, pnpm } from "./lib/test-env";

await Promise.all([ensurePostgres(), ensureRedis()]);
// Before the ~2 minute build, so a machine without a browser fails (or is fixed) at once.
try {
  ensureChromium();
} catch (err) {
  if (!(err instanceof ChromiumMissing)) throw err;
  console.error(err.message);
  process.exit(1);
}

pnpm(["--filter", "@baas/db", "run", "db:generate"]);
const env = { ...testEnv(), TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
await ensureDatabase(env.DATABASE_URL);
const applied = await migrateDatabase(env.DATABASE_URL);
console.error(`[baas] test database ready (${applied.length} migration(s) applied)`);

// Strict types and lint rules are part of the suite: a type error fails `npm test` like a test does.
pnpm(["exec", "turbo", "run", "typecheck", "lint", "--output-logs=errors-only"], env);
pnpm(["exec", "eslint", "-c", "scripts/eslint.config.js", "scripts"], env);
pnpm(["exec", "tsc", "--noEmit", "-p", "scripts/tsconfig.json"], env);
pnpm(["exec", "turbo", "run", "build", "--output-logs=errors-only", "--filter=@baas/clawdbot-plugin", "--filter=@baas/web"], env);

const args = process.argv.slice(2);
const vitest = spawnSync(
  "pnpm",
  ["exec", "vitest", "run", "--config", join(repoRoot, "scripts", "vitest.config.ts"), ...args],
  { cwd: repoRoot, stdio: "inherit", env: { ...process.env, ...env } },
);
process.exit(vitest.status ?? 1);

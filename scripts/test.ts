/**
 * `npm test`: the whole suite against real PostgreSQL and Redis on this machine.
 * Prepares a fresh, migrated test database, builds what the end-to-end suites run (the plugin
 * bundle, the Next.js production build), then runs vitest once over every workspace project so
 * the output ends with vitest's own summary line.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ensurePostgres, ensureRedis } from "./lib/services";
import { ensureDatabase, migrateDatabase } from "@baas/db/migrate";
import { repoRoot, testEnv, pnpm } from "./lib/test-env";

await Promise.all([ensurePostgres(), ensureRedis()]);

pnpm(["--filter", "@baas/db", "run", "db:generate"]);
const env = testEnv();
await ensureDatabase(env.DATABASE_URL);
const applied = await migrateDatabase(env.DATABASE_URL);
console.error(`[baas] test database ready (${applied.length} migration(s) applied)`);

pnpm(["exec", "turbo", "run", "build", "--output-logs=errors-only", "--filter=@baas/clawdbot-plugin", "--filter=@baas/web"], env);

const args = process.argv.slice(2);
const vitest = spawnSync(
  "pnpm",
  ["exec", "vitest", "run", "--config", join(repoRoot, "scripts", "vitest.config.ts"), ...args],
  { cwd: repoRoot, stdio: "inherit", env: { ...process.env, ...env } },
);
process.exit(vitest.status ?? 1);

/**
 * Development helper: `node --import tsx scripts/with-test-env.ts <command…>` makes sure the local
 * services answer and the test database is migrated, then runs the command with the test
 * environment (the same one `npm test` uses). Example:
 *   node --import tsx scripts/with-test-env.ts pnpm --filter @baas/gateway exec vitest run
 */
import { spawnSync } from "node:child_process";
import { ensureDatabase, migrateDatabase } from "@baas/db/migrate";
import { ensurePostgres, ensureRedis } from "./lib/services";
import { repoRoot, testEnv } from "./lib/test-env";

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error("usage: with-test-env.ts <command> [args…]");
  process.exit(2);
}
await Promise.all([ensurePostgres(), ensureRedis()]);
const env = testEnv();
await ensureDatabase(env.DATABASE_URL);
await migrateDatabase(env.DATABASE_URL);
const r = spawnSync(cmd, args, { cwd: process.cwd() || repoRoot, stdio: "inherit", env: { ...process.env, ...env } });
process.exit(r.status ?? 1);

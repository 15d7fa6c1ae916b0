import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The environment every test process gets: real local services, a database of its own. */
export interface TestEnv extends Record<string, string> {
  DATABASE_URL: string;
  REDIS_URL: string;
  BAAS_ENCRYPTION_KEY: string;
  AUTH_SECRET: string;
}

export function testEnv(): TestEnv {
  return {
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/baas_test",
    REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/0",
    BAAS_ENCRYPTION_KEY: "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=",
    AUTH_SECRET: "test-auth-secret-not-for-production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

export function pnpm(args: string[], env: Record<string, string> = {}): void {
  const r = spawnSync("pnpm", args, { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`[baas] pnpm ${args.join(" ")} failed`);
    process.exit(r.status ?? 1);
  }
}

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveStartConfig, StartupError } from "./start-env";

const KEY = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=";
const dirs: string[] = [];
function repo(): string {
  const d = mkdtempSync(join(tmpdir(), "baas-start-env-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function failure(env: NodeJS.ProcessEnv): string {
  try {
    resolveStartConfig(env, repo());
  } catch (err) {
    expect(err).toBeInstanceOf(StartupError);
    return (err as Error).message;
  }
  throw new Error("expected a StartupError");
}

describe("npm start configuration", () => {
  it("with nothing set: port 3000, embedded database, in-process hot state, demo mode, generated secrets kept for next time", () => {
    const root = repo();
    const cfg = resolveStartConfig({}, root);
    expect(cfg).toMatchObject({ port: 3000, appUrl: "http://127.0.0.1:3000", databaseUrl: null, redisUrl: null, demo: true, poolMax: 1, secretsSource: "generated" });
    expect(Buffer.from(cfg.encryptionKey, "base64")).toHaveLength(32);
    const file = join(root, ".data", "secrets.json");
    expect(statSync(file).mode & 0o077).toBe(0);
    const again = resolveStartConfig({}, root);
    expect(again).toMatchObject({ authSecret: cfg.authSecret, encryptionKey: cfg.encryptionKey, secretsSource: "secrets file" });
    expect(JSON.parse(readFileSync(file, "utf8")).AUTH_SECRET).toBe(cfg.authSecret);
  });

  it("with DATABASE_URL, a missing secret stops start-up with one line naming it and how to make one", () => {
    const url = "postgresql://postgres@127.0.0.1:5432/baas";
    expect(failure({ DATABASE_URL: url })).toBe("AUTH_SECRET is not set (required with DATABASE_URL); generate one with: openssl rand -base64 32");
    expect(failure({ DATABASE_URL: url, AUTH_SECRET: "x".repeat(32) })).toMatch(/^BAAS_ENCRYPTION_KEY is not set .*openssl rand -base64 32$/);
  });

  it("with DATABASE_URL and secrets: real servers, production-like (no demo, no secrets file)", () => {
    const root = repo();
    const cfg = resolveStartConfig(
      { DATABASE_URL: "postgresql://u@db:5432/baas", REDIS_URL: "redis://cache:6379/0", AUTH_SECRET: "s".repeat(32), BAAS_ENCRYPTION_KEY: KEY, PORT: "8080", DATABASE_POOL_MAX: "20" },
      root,
    );
    expect(cfg).toMatchObject({ port: 8080, databaseUrl: "postgresql://u@db:5432/baas", redisUrl: "redis://cache:6379/0", demo: false, poolMax: 20, secretsSource: "environment" });
    expect(existsSync(join(root, ".data", "secrets.json"))).toBe(false);
  });

  it("names the variable of a malformed value", () => {
    expect(failure({ PORT: "http" })).toMatch(/^PORT /);
    expect(failure({ BAAS_ENCRYPTION_KEY: "too-short" })).toMatch(/^BAAS_ENCRYPTION_KEY must be 32 bytes/);
    expect(failure({ DATABASE_URL: "mysql://x" })).toMatch(/^DATABASE_URL must look like postgresql:/);
    expect(failure({ REDIS_URL: "localhost" })).toMatch(/^REDIS_URL /);
    expect(failure({ BAAS_DEMO_MODE: "maybe" })).toMatch(/^BAAS_DEMO_MODE /);
  });

  it("demo mode listens on loopback only unless HOST says otherwise; production listens everywhere", () => {
    const prod = { DATABASE_URL: "postgresql://u@db:5432/baas", AUTH_SECRET: "s".repeat(32), BAAS_ENCRYPTION_KEY: KEY };
    expect(resolveStartConfig({}, repo())).toMatchObject({ demo: true, host: "127.0.0.1" });
    expect(resolveStartConfig({ HOST: "0.0.0.0" }, repo())).toMatchObject({ demo: true, host: "0.0.0.0" });
    expect(resolveStartConfig(prod, repo())).toMatchObject({ demo: false, host: "0.0.0.0" });
    expect(resolveStartConfig({ ...prod, HOST: "10.0.0.5" }, repo())).toMatchObject({ host: "10.0.0.5" });
    expect(failure({ HOST: "a b" })).toMatch(/^HOST /);
  });

  it("refuses demo mode on a real database unless forced by name", () => {
    const prod = { DATABASE_URL: "postgresql://u@db:5432/baas", AUTH_SECRET: "s".repeat(32), BAAS_ENCRYPTION_KEY: KEY };
    expect(failure({ ...prod, BAAS_DEMO_MODE: "true" })).toMatch(/^BAAS_DEMO_MODE=true is refused with DATABASE_URL.*force/);
    expect(failure({ ...prod, BAAS_DEMO_MODE: "1" })).toMatch(/^BAAS_DEMO_MODE=true is refused/);
    expect(resolveStartConfig({ ...prod, BAAS_DEMO_MODE: "force" }, repo())).toMatchObject({ demo: true, host: "127.0.0.1" });
    expect(resolveStartConfig({ BAAS_DEMO_MODE: "false" }, repo())).toMatchObject({ demo: false });
  });
});

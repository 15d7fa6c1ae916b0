/**
 * `npm start` configuration: read once from the environment, validated with zod, resolved into
 * what the start script needs. Every problem becomes ONE line that names the variable and how to
 * fix it (StartupError); no stack traces.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { defaultAppUrl } from "./start-summary";

export class StartupError extends Error {
  override name = "StartupError";
}

const port = z.coerce.number({ message: "must be a port number" }).int("must be a whole number").min(1, "must be 1-65535").max(65_535, "must be 1-65535");

const schema = z.object({
  PORT: port.default(3000),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_-]+/.test(v), "must look like postgresql://user@host:5432/dbname")
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number({ message: "must be a number" }).int().min(1, "must be at least 1").max(200).optional(),
  REDIS_URL: z.string().refine((v) => /^rediss?:\/\/.+/.test(v), "must look like redis://host:6379/0").optional(),
  AUTH_SECRET: z.string().min(16, "must be at least 16 characters (openssl rand -base64 32)").optional(),
  BAAS_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes encoded in base64 (openssl rand -base64 32)")
    .optional(),
  BAAS_DEMO_MODE: z
    .enum(["true", "false", "1", "0", "force"], { message: 'must be "true", "false" or "force"' })
    .optional(),
  HOST: z.string().regex(/^[0-9A-Za-z.:-]{1,253}$/, "must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0").optional(),
  BAAS_TRUSTED_PROXIES: z.string().max(2000).optional(),
  APP_URL: z.string().url("must be the public URL, e.g. http://localhost:3000").optional(),
  BAAS_DATA_DIR: z.string().min(1).optional(),
  BAAS_DEMO_UPSTREAM_PORT: port.optional(),
  BAAS_DEMO_STRIPE_PORT: port.optional(),
});

export type RawStartEnv = z.infer<typeof schema>;

export interface StartConfig {
  port: number;
  /** Address the web server listens on: loopback in demo mode unless HOST says otherwise. */
  host: string;
  trustedProxies: string | undefined;
  appUrl: string;
  dataDir: string;
  /** null: run the embedded PGlite server. */
  databaseUrl: string | null;
  /** Pool size the web app should use (1 on the embedded server, see @baas/db/embedded). */
  poolMax: number | undefined;
  /** null: the web app keeps hot state in-process. */
  redisUrl: string | null;
  authSecret: string;
  encryptionKey: string;
  demo: boolean;
  demoUpstreamPort: number;
  demoStripePort: number;
  /** Where the secrets came from, for the start-up summary. */
  secretsSource: "environment" | "generated" | "secrets file";
}

const emptyAsUnset = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));

export function parseStartEnv(env: NodeJS.ProcessEnv): RawStartEnv {
  const parsed = schema.safeParse(emptyAsUnset(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StartupError(`${issue?.path.join(".") ?? "environment"} ${issue?.message ?? "is invalid"}`);
  }
  return parsed.data;
}

interface DemoSecrets { AUTH_SECRET: string; BAAS_ENCRYPTION_KEY: string }

/** Demo secrets live in <data>/secrets.json, generated on first start and reused afterwards. */
export function loadOrCreateSecrets(dataDir: string): { secrets: DemoSecrets; created: boolean } {
  const file = join(dataDir, "secrets.json");
  if (existsSync(file)) {
    const saved = z.object({ AUTH_SECRET: z.string().min(16), BAAS_ENCRYPTION_KEY: z.string().min(40) }).safeParse(
      JSON.parse(readFileSync(file, "utf8")),
    );
    if (!saved.success) throw new StartupError(`${file} is damaged: delete it to generate new demo secrets`);
    return { secrets: saved.data, created: false };
  }
  const secrets = { AUTH_SECRET: randomBytes(32).toString("base64"), BAAS_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { secrets, created: true };
}

/**
 * Demo mode signs anyone who reaches the server in as the demo tenant's owner and shows every
 * magic link: the default only for the embedded database. With a real DATABASE_URL it must be
 * asked for by name ("force"), so a stray BAAS_DEMO_MODE=true can't open a real database.
 */
function demoMode(value: RawStartEnv["BAAS_DEMO_MODE"], databaseUrl: string | null): boolean {
  if (value === undefined) return !databaseUrl;
  if (value === "force") return true;
  const on = value === "true" || value === "1";
  if (on && databaseUrl) {
    throw new StartupError('BAAS_DEMO_MODE=true is refused with DATABASE_URL (demo mode hands out the owner sign-in); use BAAS_DEMO_MODE=force if this database is a throwaway');
  }
  return on;
}

const howToMake = "generate one with: openssl rand -base64 32";

export function resolveStartConfig(env: NodeJS.ProcessEnv, repoRoot: string): StartConfig {
  const raw = parseStartEnv(env);
  const dataDir = raw.BAAS_DATA_DIR ?? join(repoRoot, ".data");
  const databaseUrl = raw.DATABASE_URL ?? null;
  let authSecret = raw.AUTH_SECRET;
  let encryptionKey = raw.BAAS_ENCRYPTION_KEY;
  let secretsSource: StartConfig["secretsSource"] = "environment";
  if (databaseUrl) {
    // A real database means real data: never invent the secrets that protect it.
    if (!authSecret) throw new StartupError(`AUTH_SECRET is not set (required with DATABASE_URL); ${howToMake}`);
    if (!encryptionKey) throw new StartupError(`BAAS_ENCRYPTION_KEY is not set (required with DATABASE_URL); ${howToMake}`);
  } else if (!authSecret || !encryptionKey) {
    const { secrets, created } = loadOrCreateSecrets(dataDir);
    authSecret ??= secrets.AUTH_SECRET;
    encryptionKey ??= secrets.BAAS_ENCRYPTION_KEY;
    secretsSource = created ? "generated" : "secrets file";
  }
  if (!authSecret || !encryptionKey) throw new StartupError("AUTH_SECRET and BAAS_ENCRYPTION_KEY could not be resolved");
  const demo = demoMode(raw.BAAS_DEMO_MODE, databaseUrl);
  return {
    port: raw.PORT,
    host: raw.HOST ?? (demo ? "127.0.0.1" : "0.0.0.0"),
    trustedProxies: raw.BAAS_TRUSTED_PROXIES,
    // Sign-in links and the address npm start prints are this one URL (see start-summary.ts).
    appUrl: raw.APP_URL ?? defaultAppUrl(raw.HOST ?? (demo ? "127.0.0.1" : "0.0.0.0"), raw.PORT),
    dataDir,
    databaseUrl,
    poolMax: databaseUrl ? raw.DATABASE_POOL_MAX : 1,
    redisUrl: raw.REDIS_URL ?? null,
    authSecret,
    encryptionKey,
    demo,
    demoUpstreamPort: raw.BAAS_DEMO_UPSTREAM_PORT ?? Math.min(raw.PORT + 1100, 65_535),
    demoStripePort: raw.BAAS_DEMO_STRIPE_PORT ?? Math.min(raw.PORT + 1101, 65_535),
    secretsSource,
  };
}

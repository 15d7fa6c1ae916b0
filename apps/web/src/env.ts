/**
 * The one place apps/web reads process.env. Validated lazily on first use (so `next build` runs
 * without a database), with one clear line per problem.
 */
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

function build() {
  return createEnv({
    server: {
      DATABASE_URL: z.string().url("DATABASE_URL must be a postgresql:// URL"),
      REDIS_URL: z.string().url("REDIS_URL must be a redis:// URL").optional(),
      /** Every key this deployment writes starts with it, so two deployments can share one Redis. */
      REDIS_KEY_PREFIX: z.string().regex(/^[0-9A-Za-z_.:-]{1,64}$/, "REDIS_KEY_PREFIX must be 1-64 letters, digits or _.:-, e.g. baas:").default("baas:"),
      AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters"),
      BAAS_ENCRYPTION_KEY: z.string().min(40, "BAAS_ENCRYPTION_KEY must be 32 bytes, base64").optional(),
      APP_URL: z.string().url("APP_URL must be the public URL, e.g. http://localhost:3000").default("http://localhost:3000"),
      PORT: z.coerce.number().int().min(0).max(65535).default(3000),
      /** Where apps/web/server.ts listens: loopback unless set (npm start sets it). */
      HOST: z.string().regex(/^[0-9A-Za-z.:-]{1,253}$/, "HOST must be an address, e.g. 127.0.0.1 or 0.0.0.0").default("127.0.0.1"),
      /** Proxies whose X-Forwarded-For is believed (proxy-addr syntax: IPs, CIDRs, "loopback"); none by default. */
      BAAS_TRUSTED_PROXIES: z.string().max(2000).default(""),
      /** "force" is how `npm start` asks for demo mode on a real DATABASE_URL. */
      BAAS_DEMO_MODE: z
        .enum(["true", "false", "1", "0", "force", ""])
        .optional()
        .transform((v) => v === "true" || v === "1" || v === "force"),
      /** Tenant whose owner the demo sign-in uses (the foundation seed's "VM Deco"). */
      BAAS_DEMO_TENANT_SLUG: z.string().min(1).default("vm-deco"),
      RESEND_API_KEY: z.string().min(1).optional(),
      RESEND_BASE_URL: z.string().url("RESEND_BASE_URL must be a URL").optional(),
      EMAIL_FROM: z.string().min(3).default("BaaS <no-reply@baas.local>"),
      STRIPE_SECRET_KEY: z.string().optional(),
      STRIPE_WEBHOOK_SECRET: z.string().optional(),
      STRIPE_API_BASE: z.string().url().optional(),
      UPSTREAM_DEFAULT_ANTHROPIC_URL: z.string().url().optional(),
      UPSTREAM_DEFAULT_OPENAI_URL: z.string().url().optional(),
      /** Bearer token of the scheduled evaluation route (/api/cron/evaluate); unset, the route answers 503. */
      CRON_SECRET: z.string().min(16, "CRON_SECRET must be at least 16 characters (openssl rand -base64 32)").optional(),
    },
    runtimeEnv: process.env,
    emptyStringAsUndefined: true,
    onValidationError: (issues) => {
      const lines = issues.map((i) => `  ${i.path?.map(String).join(".")}: ${i.message}`).join("\n");
      throw new Error(`Invalid environment for @baas/web:\n${lines}`);
    },
  });
}

export type Env = ReturnType<typeof build>;
let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    cached = build();
    // next-auth builds its callback URLs from NEXTAUTH_URL; ours is APP_URL.
    process.env.NEXTAUTH_URL ??= cached.APP_URL;
  }
  return cached;
}

/**
 * Missing translations throw everywhere but in production (read on its own: it must work before
 * the rest of the environment, e.g. in unit tests without a database).
 */
export function strictI18n(): boolean {
  return process.env.NODE_ENV !== "production";
}

/** Demo mode = the one-click demo owner and the dev inbox; never on unless asked for. */
export function isDemoMode(): boolean {
  return env().BAAS_DEMO_MODE;
}

/** Without a Resend key, email goes to the server log and the dev inbox. */
export function emailToInbox(): boolean {
  return !env().RESEND_API_KEY;
}

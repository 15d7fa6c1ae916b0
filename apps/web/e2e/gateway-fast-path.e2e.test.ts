/**
 * The server `npm start` runs (apps/web/server.ts + the production build) serves instance-key
 * calls to gateway.* on its fast path, in front of Next, with the same engine Next's routers use:
 * an operator's pool edit, made through Next, reaches the very next fast-path call.
 *
 * The app gets an encryption key of its own, so of all the upstream accounts in the shared test
 * database only this file's (encrypted with that key) can serve it: which account served a call
 * is read from the credential the fake upstream saw.
 */
import { randomBytes } from "node:crypto";
import { parseEncryptionKey } from "@baas/db";
import { createGatewayFixture, type GatewayFixture } from "@baas/gateway/testing";
import { startFakeLlm, type FakeLlm } from "@baas/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "./support/app-server";
import { testDb } from "./support/fixtures";

const db = testDb();
const KEY = randomBytes(32).toString("base64");
let llm: FakeLlm;
let fx: GatewayFixture;
let app: AppServer;
let operatorCookie: string;

beforeAll(async () => {
  llm = await startFakeLlm({});
  fx = await createGatewayFixture(db, { llmUrl: llm.url, encryptionKey: parseEncryptionKey(KEY) });
  await db.agent.create({ data: { tenantId: fx.tenant.id, externalId: "lobo", name: "Lobo" } });
  const operator = await db.user.create({ data: { email: `op-${randomBytes(4).toString("hex")}@fastpath.test`, platformRole: "OPERATOR" } });
  const token = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken: token, userId: operator.id, expires: new Date(Date.now() + 86_400_000) } });
  operatorCookie = `next-auth.session-token=${token}`;
  app = await startApp({
    DATABASE_URL: process.env.DATABASE_URL!,
    REDIS_URL: process.env.REDIS_URL!,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-auth-secret-0123456789",
    BAAS_ENCRYPTION_KEY: KEY,
    BAAS_DEMO_MODE: "false",
    RESEND_API_KEY: "",
  });
});

afterAll(async () => {
  await app?.close();
  await llm?.close();
  if (fx) await db.upstreamAccount.deleteMany({ where: { name: { startsWith: fx.accountPrefix } } });
});

/** One model call as the plugin sends it; returns the status, the fast-path mark and the credential the upstream saw. */
async function call(): Promise<{ status: number; path: string | null; credential: string | undefined; nosniff: string | null }> {
  const before = llm.requests.length;
  const res = await fetch(`${app.url}/api/trpc/gateway.complete`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${fx.instanceKey}` },
    body: JSON.stringify({ json: { provider: "anthropic", request: { model: "claude-sonnet-4-5", max_tokens: 50, messages: [{ role: "user", content: "oi" }] }, context: { agentId: "lobo", callId: `fp-${randomBytes(6).toString("hex")}` } } }),
  });
  await res.arrayBuffer();
  return { status: res.status, path: res.headers.get("x-baas-path"), credential: llm.requests.slice(before).at(-1)?.credential, nosniff: res.headers.get("x-content-type-options") };
}

describe("the gateway fast path of apps/web/server.ts", () => {
  it("serves instance-key gateway calls in front of Next, and records them", async () => {
    const r = await call();
    expect(r).toEqual({ status: 200, path: "fast", credential: fx.accounts.max1.credential, nosniff: "nosniff" });
    expect(await db.usageEvent.count({ where: { tenantId: fx.tenant.id } })).toBe(1);
  });

  it("leaves people's requests to Next", async () => {
    const res = await fetch(`${app.url}/api/trpc/operator.accounts`, { headers: { cookie: operatorCookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-baas-path")).toBeNull();
    // Next's own answer carries the app's security headers.
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("an operator's pool edit through Next reaches the next fast-path call (one engine per process)", async () => {
    // The pool is cached for 5 s: only the invalidation the edit sends can make the next call skip Max #1.
    const res = await fetch(`${app.url}/api/trpc/operator.setAccountEnabled`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: operatorCookie, origin: app.url },
      body: JSON.stringify({ json: { accountId: fx.accounts.max1.id, enabled: false, reason: "fast-path test" } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-baas-path")).toBeNull();
    const r = await call();
    expect(r).toMatchObject({ status: 200, path: "fast", credential: fx.accounts.max2.credential });
    expect(await db.usageEvent.count({ where: { tenantId: fx.tenant.id } })).toBe(2);
  });
});

/**
 * Hostile input against the server `npm start` runs, on a database of its own so every row can be
 * counted: every tRPC procedure (listed from the router itself, so a new one is fuzzed too), as
 * its rightful caller (tenant owner, operator or instance key), and the auth routes. Malformed,
 * oversized, deeply nested, NUL-laden and out-of-range values: no 5xx, no row changed, the
 * process still up. Bounded: a few thousand requests, 8 at a time.
 */
import { createHash, randomBytes } from "node:crypto";
import { appRouter } from "@baas/api";
import { getDb, type Db } from "@baas/db";
import { dropDatabase, ensureDatabase, migrateDatabase } from "@baas/db/migrate";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "./support/app-server";
import { fuzzValues, hostileBodies, inputKeys, RawJson } from "./support/fuzz-values";

const url = new URL(process.env.DATABASE_URL!);
url.pathname = `${url.pathname}_fuzz`;
const fuzzDbUrl = url.toString();
let db: Db;
let app: AppServer;
const who = { owner: "", operator: "", instanceKey: "", tenantId: "" };

async function session(db: Db, email: string, platformRole: "NONE" | "OPERATOR") {
  const user = await db.user.create({ data: { email, platformRole } });
  const token = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken: token, userId: user.id, expires: new Date(Date.now() + 30 * 86_400_000) } });
  return { user, cookie: `next-auth.session-token=${token}` };
}

beforeAll(async () => {
  await dropDatabase(fuzzDbUrl).catch(() => undefined);
  await ensureDatabase(fuzzDbUrl);
  await migrateDatabase(fuzzDbUrl);
  db = getDb(fuzzDbUrl);
  const tenant = await db.tenant.create({ data: { slug: "fuzz", name: "Fuzz" } });
  const owner = await session(db, "owner@fuzz.test", "NONE");
  await db.membership.create({ data: { tenantId: tenant.id, userId: owner.user.id, role: "OWNER" } });
  const operator = await session(db, "operator@fuzz.test", "OPERATOR");
  const key = `baas_inst_${randomBytes(24).toString("base64url")}`;
  await db.instance.create({ data: { tenantId: tenant.id, name: "vm", keyHash: createHash("sha256").update(key).digest("hex"), keyPrefix: key.slice(0, 14) } });
  await db.agent.create({ data: { tenantId: tenant.id, externalId: "lobo", name: "Lobo" } });
  Object.assign(who, { owner: owner.cookie, operator: operator.cookie, instanceKey: key, tenantId: tenant.id });
  app = await startApp({ DATABASE_URL: fuzzDbUrl, AUTH_SECRET: "fuzz-auth-secret-0123456789", RESEND_API_KEY: "re_fuzz" });
});

afterAll(async () => {
  await app?.close();
  await db?.$disconnect();
  await dropDatabase(fuzzDbUrl).catch(() => undefined);
});

/**
 * Every row of every table, as one digest per table: any insert, update or delete shows. Except
 * the instance's `lastSeenAt` and `updatedAt`: instance.heartbeat takes no required field, so a
 * body the fuzz sends may be a bare, valid heartbeat, whose only effect is those two columns.
 */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint; d: string | null }[]>(
      `SELECT count(*) AS n, md5(string_agg(r::text, '|' ORDER BY r::text)) AS d FROM (SELECT ${name === "Instance" ? `to_jsonb(t) - 'lastSeenAt' - 'updatedAt'` : "to_jsonb(t)"} AS r FROM "${name}" t) x`,
    );
    out[name] = `${row!.n}:${row!.d ?? ""}`;
  }
  return out;
}

interface Probe {
  label: string;
  send: () => Promise<Response>;
}

function headersFor(path: string): Record<string, string> {
  if (path.startsWith("gateway.") || path.startsWith("instance.")) return { authorization: `Bearer ${who.instanceKey}` };
  return { cookie: path.startsWith("operator.") ? who.operator : who.owner, origin: app.url };
}

function trpcProbe(path: string, type: string, label: string, body: string): Probe {
  const headers = headersFor(path);
  const target = `${app.url}/api/trpc/${path}`;
  const send =
    type === "query"
      ? () => fetch(`${target}?input=${encodeURIComponent(body)}`, { headers })
      : () => fetch(target, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body });
  return { label: `${path} ${label}`, send };
}

function procedureProbes(): Probe[] {
  const probes: Probe[] = [];
  for (const [path, proc] of Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string; inputs: unknown[] } }>)) {
    const { type, inputs } = proc._def;
    for (const [label, raw] of hostileBodies()) {
      // A query's input rides in the URL: 2 MB of it is refused by HTTP itself (431), so send 64 kB.
      probes.push(trpcProbe(path, type, label, type === "query" && raw.length > 65_536 ? raw.slice(0, 65_536) : raw));
    }
    const keys = inputKeys(inputs);
    for (const key of keys) {
      for (const [label, value] of fuzzValues()) {
        const input = key === "tenantId" ? { tenantId: value } : { tenantId: who.tenantId, [key]: value };
        const body = value instanceof RawJson ? `{"json":{"tenantId":${JSON.stringify(who.tenantId)},${JSON.stringify(key)}:${value.text}}}` : JSON.stringify(superjson.serialize(input));
        probes.push(trpcProbe(path, type, `${key}=${label}`, body));
      }
    }
  }
  return probes;
}

function authProbes(): Probe[] {
  const probes: Probe[] = [];
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (path: string, body: string, extra: Record<string, string> = {}): Probe => ({
    label: `POST ${path} ${body.slice(0, 40)}`,
    send: () => fetch(`${app.url}${path}`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", origin: app.url, ...extra }, body }),
  });
  const get = (path: string): Probe => ({ label: `GET ${path.slice(0, 60)}`, send: () => fetch(`${app.url}${path}`, { redirect: "manual" }) });
  for (const [label, value] of fuzzValues()) {
    const text = typeof value === "string" ? value : value instanceof RawJson ? value.text.slice(0, 5_000) : JSON.stringify(superjson.serialize(value)).slice(0, 5_000);
    probes.push({ ...post("/api/auth/signin/email", form({ email: text, csrfToken: "x", json: "true" })), label: `signin email=${label}` });
    probes.push({ ...post("/api/auth/signin/email", form({ email: "a@b.test", csrfToken: text, callbackUrl: text })), label: `signin csrf=${label}` });
    probes.push(get(`/api/auth/callback/email?${form({ token: text, email: text, callbackUrl: text })}`));
    probes.push(get(`/api/auth/signin?${form({ callbackUrl: text, error: text })}`));
    probes.push({ label: `session cookie=${label}`, send: () => fetch(`${app.url}/api/auth/session`, { headers: { cookie: `next-auth.session-token=${text.slice(0, 3_000).replace(/[^\x21-\x7e]|;/g, "%")}` } }) });
    probes.push(post("/api/demo/sign-in", form({ email: text })));
  }
  probes.push(post("/api/auth/signout", "csrfToken=nope"), get("/dev/inbox"), post("/api/auth/signin/email", "%%%=&&&"));
  return probes;
}

async function runAll(probes: Probe[]): Promise<{ sent: number; failures: string[] }> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const p = probes[next++]!;
      const res = await p.send().catch((e: unknown) => ({ status: 599, text: () => Promise.resolve(String(e)) }) as unknown as Response);
      if (res.status >= 500) failures.push(`${res.status} ${p.label}: ${(await res.text()).slice(0, 200)}`);
      else await res.arrayBuffer().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { sent: probes.length, failures };
}

describe("fuzz: hostile input changes nothing and never answers 5xx", () => {
  it("every procedure and auth route, as their rightful callers", async () => {
    const before = await snapshot();
    const probes = [...procedureProbes(), ...authProbes()];
    const { sent, failures } = await runAll(probes);
    console.info(`fuzz: ${sent} requests, ${failures.length} answered 5xx`);
    if (failures.length) console.error(app.logs.join("").slice(-6_000));
    expect(sent).toBeGreaterThan(2_000);
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
    const ping = await fetch(`${app.url}/api/trpc/health.ping`);
    expect(ping.status).toBe(200);
    // The probes reached the procedures: the owner is signed in for real, so refusals are the input's.
    const me = await fetch(`${app.url}/api/auth/session`, { headers: { cookie: who.owner } });
    expect(((await me.json()) as { user?: { email?: string } }).user?.email).toBe("owner@fuzz.test");
  });
});

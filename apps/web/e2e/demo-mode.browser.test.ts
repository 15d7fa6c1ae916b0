/**
 * Demo mode (no RESEND_API_KEY, BAAS_DEMO_MODE=force on the test database): one-click demo owner,
 * the dev inbox instead of email, and sign-in requests rate limited. The server listens on every
 * interface here so a request can come from this machine's non-loopback address, the way another
 * machine's would: the demo doors must stay shut to it, whatever headers it forges.
 */
import { randomBytes } from "node:crypto";
import { networkInterfaces } from "node:os";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "./support/app-server";
import { launchBrowser, shot } from "./support/browser";
import { insideOneWindow } from "./support/rate-window";
import { SIGN_IN_LIMITS } from "../src/server/auth/rate-limit";
import { testDb } from "./support/fixtures";

const db = testDb();
const tag = randomBytes(4).toString("hex");
let tenantId: string;
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  const tenant = await db.tenant.create({ data: { slug: `demo-${tag}`, name: `Demo ${tag}` } });
  tenantId = tenant.id;
  const owner = await db.user.create({ data: { email: `demo-owner-${tag}@e2e.test`, name: "Demo Owner" } });
  await db.membership.create({ data: { tenantId, userId: owner.id, role: "OWNER" } });
  await db.agent.create({ data: { tenantId, externalId: "lobo", name: "Lobo" } });
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL!, AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-auth-secret-0123456789", BAAS_DEMO_MODE: "force", BAAS_DEMO_TENANT_SLUG: `demo-${tag}`, RESEND_API_KEY: "", HOST: "0.0.0.0" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** This machine's first non-loopback IPv4 address: requests to it arrive from it, as from another host. */
function outsideAddress(): string {
  const addr = Object.values(networkInterfaces()).flat().find((a) => a && a.family === "IPv4" && !a.internal);
  if (!addr) throw new Error("this machine has no non-loopback IPv4 address to test the demo doors from");
  return addr.address;
}

/** One sign-in link request the way the sign-in form sends it; the HTTP status. */
async function requestLink(base: string, email: string, headers: Record<string, string> = {}): Promise<number> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/signin/email`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
    body: new URLSearchParams({ email, csrfToken, json: "true", callbackUrl: "/" }),
  });
  return res.status;
}

async function fresh(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

describe("demo mode", () => {
  it("signs in as the demo owner with one click", async () => {
    const page = await fresh();
    await page.goto(`${app.url}/signin`);
    await shot(page, "11-demo-signin-phone");
    await page.getByRole("button", { name: "Sign in as the demo owner" }).click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/t/${tenantId}$`));
    await page.context().close();
  });

  it("puts the magic link in the dev inbox (and the server log) instead of sending email", async () => {
    const page = await fresh();
    const email = `demo-owner-${tag}@e2e.test`;
    await page.goto(`${app.url}/signin`);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByRole("link", { name: "Open the dev inbox" }).click();
    await page.getByText(`to ${email}`).first().waitFor();
    await shot(page, "12-dev-inbox");
    expect(app.logs.join("")).toContain(`email to "${email}"`);
    await page.getByRole("link", { name: "Open the link" }).first().click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    await page.context().close();
  });

  it("never lets an address forge a log line or reach the mailer with control characters", async () => {
    const forged = `x-${tag}@e2e.test\n[baas] email to "admin@e2e.test" ("Sign in"): http://evil.example/steal`;
    const tokens = () => db.verificationToken.count();
    const before = await tokens();
    expect(await requestLink(app.url, forged)).toBe(400);
    expect(await requestLink(app.url, `y-${tag}@e2e.test\r`)).toBe(400);
    expect(await tokens()).toBe(before);
    const lines = app.logs.join("").split("\n");
    expect(lines.filter((l) => l.includes("evil.example"))).toEqual([]);
    expect(lines.filter((l) => l.startsWith("[baas] email to \"admin@e2e.test\""))).toEqual([]);
  });

  it("rate limits sign-in requests per email", async () => {
    const email = `limited-${tag}@e2e.test`;
    const statuses: number[] = [];
    await insideOneWindow(SIGN_IN_LIMITS.perEmail.windowMs, 20_000);
    for (let i = 0; i < 5; i++) statuses.push(await requestLink(app.url, email));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const page = await fresh();
    await page.goto(`${app.url}/signin`);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByText("Too many sign-in requests").waitFor();
    await shot(page, "13-rate-limited");
    await page.context().close();
  });

  it("counts spellings of one mailbox together, whatever X-Forwarded-For says", async () => {
    const variants = [`flood-${tag}@e2e.test`, `FLOOD-${tag}@E2E.TEST`, ` flood-${tag}@e2e.test`, `ｆｌｏｏｄ-${tag}@e2e.test`, `flood-${tag}@e2e.test,x.example`, `Flood-${tag}@e2e.test,y.example`, `flood-${tag}@E2E.test`];
    const statuses = [];
    await insideOneWindow(SIGN_IN_LIMITS.perEmail.windowMs, 20_000);
    for (const [i, v] of variants.entries()) statuses.push(await requestLink(app.url, v, { "x-forwarded-for": `198.51.100.${i}` }));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(await db.verificationToken.count({ where: { identifier: `flood-${tag}@e2e.test` } })).toBe(5);
  });

  it("limits one client address to 30 links per window, whatever X-Forwarded-For says", async () => {
    const base = app.url.replace("127.0.0.1", outsideAddress());
    const statuses = [];
    await insideOneWindow(SIGN_IN_LIMITS.perIp.windowMs, 60_000);
    for (let i = 0; i < 32; i++) statuses.push(await requestLink(base, `ip-${i}-${tag}@e2e.test`, { "x-forwarded-for": `198.51.100.${i}`, "x-baas-client-ip": `198.51.100.${i}` }));
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });

  it("keeps the demo doors shut to another machine and to other sites, with any forged header", async () => {
    const outside = app.url.replace("127.0.0.1", outsideAddress());
    const forged = { "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1", "x-baas-client-ip": "127.0.0.1" };
    const ownerSessions = () => db.session.count({ where: { user: { email: `demo-owner-${tag}@e2e.test` } } });
    const sessions = await ownerSessions();
    expect((await fetch(`${outside}/dev/inbox`, { headers: forged })).status).toBe(404);
    expect(await (await fetch(`${outside}/signin`, { headers: forged })).text()).not.toContain("demo owner");
    const post = (base: string, origin: string) => fetch(`${base}/api/demo/sign-in`, { method: "POST", redirect: "manual", headers: { ...forged, origin } });
    expect((await post(outside, outside)).status).toBe(404);
    expect((await post(app.url, "http://evil.example")).status).toBe(404);
    expect((await post(app.url, "null")).status).toBe(404);
    expect(await ownerSessions()).toBe(sessions);
    // The same door from this machine and our own page still opens: the test above is not vacuous.
    expect((await post(app.url, app.url)).status).toBe(303);
    expect(await ownerSessions()).toBe(sessions + 1);
  });

  it("sends the security headers on pages, API answers, auth routes and not-found pages alike", async () => {
    for (const path of ["/", "/signin", "/api/trpc/health.ping", "/api/auth/csrf", "/no-such-page"]) {
      const h = (await fetch(`${app.url}${path}`, { redirect: "manual" })).headers;
      expect({ path, csp: h.get("content-security-policy") }).toEqual({ path, csp: expect.stringContaining("frame-ancestors 'none'") });
      expect(h.get("content-security-policy")).toContain("object-src 'none'");
      expect(h.get("x-frame-options")).toBe("DENY");
      expect(h.get("x-content-type-options")).toBe("nosniff");
      expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(h.get("x-powered-by")).toBeNull();
    }
  });
});

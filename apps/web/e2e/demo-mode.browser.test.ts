/**
 * Demo mode (no RESEND_API_KEY, BAAS_DEMO_MODE=true): one-click demo owner, the dev inbox instead
 * of email, and sign-in requests rate limited.
 */
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "./support/app-server";
import { launchBrowser, shot } from "./support/browser";
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
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL!, AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-auth-secret-0123456789", BAAS_DEMO_MODE: "true", BAAS_DEMO_TENANT_SLUG: `demo-${tag}`, RESEND_API_KEY: "" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

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
    expect(app.logs.join("")).toContain(`email to ${email}`);
    await page.getByRole("link", { name: "Open the link" }).first().click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    await page.context().close();
  });

  it("rate limits sign-in requests per email", async () => {
    const email = `limited-${tag}@e2e.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const csrf = await fetch(`${app.url}/api/auth/csrf`);
      const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const res = await fetch(`${app.url}/api/auth/signin/email`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams({ email, csrfToken, json: "true", callbackUrl: "/" }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const page = await fresh();
    await page.goto(`${app.url}/signin`);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByText("Too many sign-in requests").waitFor();
    await shot(page, "13-rate-limited");
    await page.context().close();
  });
});

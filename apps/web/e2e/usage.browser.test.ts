/**
 * The usage analytics pages with seeded usage events: totals and charts with real numbers, the
 * drill-down channel → sessions → calls, the CSV export of what is on screen, an operator in a
 * tenant they are not a member of, no sideways scrolling at 1280 and 390 px; and the alert webhook setting.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildUsageDaily } from "@baas/db";
import { startApp, type AppServer } from "./support/app-server";
import { launchBrowser, shot } from "./support/browser";
import { testDb } from "./support/fixtures";

const db = testDb();
const tag = randomBytes(4).toString("hex");
const DAY = 86_400_000;
let app: AppServer;
let browser: Browser;
let world: Awaited<ReturnType<typeof seed>>;

async function seed() {
  const model = { sonnet: `u-sonnet-${tag}`, haiku: `u-haiku-${tag}` };
  for (const [i, m] of [model.sonnet, model.haiku].entries()) {
    await db.modelPrice.create({ data: { provider: "ANTHROPIC", model: m, displayName: m, inputPerMTok: [3, 1][i]!, outputPerMTok: [15, 5][i]!, cacheReadPerMTok: [0.3, 0.1][i]!, cacheWritePerMTok: 3.75, effectiveFrom: new Date(Date.now() - 30 * DAY) } });
  }
  const tenant = await db.tenant.create({ data: { slug: `usage-${tag}`, name: `Usage Deco ${tag}`, currency: "BRL", timezone: "America/Sao_Paulo" } });
  const owner = await db.user.create({ data: { email: `usage-owner-${tag}@e2e.test` } });
  await db.membership.create({ data: { tenantId: tenant.id, userId: owner.id, role: "OWNER" } });
  const operator = await db.user.create({ data: { email: `usage-op-${tag}@e2e.test`, platformRole: "OPERATOR" } });
  const lobo = await db.agent.create({ data: { tenantId: tenant.id, externalId: "lobo", name: "Lobo", emoji: "🐺" } });
  const aguia = await db.agent.create({ data: { tenantId: tenant.id, externalId: "aguia", name: "Águia", emoji: "🦅" } });
  const vip = await db.channel.create({ data: { tenantId: tenant.id, provider: "whatsapp", peerKind: "GROUP", externalId: `120363${tag}01@g.us`, name: "Vendas VIP" } });
  const dm = await db.channel.create({ data: { tenantId: tenant.id, provider: "whatsapp", peerKind: "DM", externalId: `5511${tag}`, name: "=cmd|' /C calc'!A0" } });
  const max = await db.upstreamAccount.create({ data: { name: `[u-${tag}] Max #1`, provider: "ANTHROPIC", kind: "MAX_SUBSCRIPTION", credentialCiphertext: "x", credentialHint: "…MAX1", status: "DISABLED" } });
  const paid = await db.upstreamAccount.create({ data: { name: `[u-${tag}] API paga`, provider: "ANTHROPIC", kind: "API_KEY", credentialCiphertext: "x", credentialHint: "…PAID", status: "DISABLED" } });
  await db.budget.create({ data: { tenantId: tenant.id, scope: "TENANT", name: "Team monthly", currency: "BRL", limitMoneyMicros: 300_000_000n } });
  const vipSession = `agent:lobo:whatsapp:group:${vip.externalId}`;
  const events = [];
  // Ten days: Lobo in Vendas VIP on Sonnet (Max first, the paid key after a 429 every fifth call),
  // Águia in a DM on Haiku; an error and a response-cache hit now and then.
  for (let d = 0; d < 10; d++) {
    for (let i = 0; i < 6; i++) {
      const fallback = i === 4;
      events.push({
        idempotencyKey: randomUUID(), tenantId: tenant.id, provider: "ANTHROPIC" as const, agentId: lobo.id, channelId: vip.id, sessionKey: vipSession, runId: `vip-${d}-${i >> 1}`,
        model: model.sonnet, upstreamAccountId: fallback ? paid.id : max.id, fallbackPath: fallback ? [max.name, paid.name] : [max.name], streaming: true,
        inputTokens: 2000 + 100 * i, outputTokens: 300, cacheReadTokens: 8000, costListUsdMicros: 12_000 + 1_000 * d, costCashUsdMicros: fallback ? 12_000 + 1_000 * d : 0,
        costTenantMicros: (12_000 + 1_000 * d) * 5, tenantCurrency: "BRL", fxRate: 5, latencyMs: 900 + 150 * i, ttftMs: 250 + 40 * i,
        status: (i === 5 && d % 3 === 0 ? "ERROR" : "OK") as "ERROR" | "OK", errorCode: i === 5 && d % 3 === 0 ? "529" : null, occurredAt: new Date(Date.now() - d * DAY - i * 60_000),
      });
    }
    events.push({
      idempotencyKey: randomUUID(), tenantId: tenant.id, provider: "ANTHROPIC" as const, agentId: aguia.id, channelId: dm.id, sessionKey: `agent:aguia:whatsapp:dm:${dm.externalId}`, runId: `dm-${d}`,
      model: model.haiku, upstreamAccountId: d % 4 === 0 ? null : max.id, cacheHit: d % 4 === 0, fallbackPath: d % 4 === 0 ? [] : [max.name], inputTokens: 900, outputTokens: 120,
      costListUsdMicros: d % 4 === 0 ? 0 : 2_000, costTenantMicros: d % 4 === 0 ? 0 : 10_000, tenantCurrency: "BRL", fxRate: 5, latencyMs: d % 4 === 0 ? 4 : 600, ttftMs: null, occurredAt: new Date(Date.now() - d * DAY - 3_600_000),
    });
  }
  await db.usageEvent.createMany({ data: events });
  await rebuildUsageDaily(db, tenant.id);
  return { tenant, owner, operator, lobo, aguia, vip, dm, max, paid, vipSession, model };
}

async function signIn(page: Page, email: string, path: string) {
  await page.goto(`${app.url}/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByRole("link", { name: "Open the dev inbox" }).click();
  await page.getByText(`to ${email}`).first().waitFor();
  await page.getByRole("link", { name: "Open the link" }).first().click();
}

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
/** Numbers the charts drew: the bars' heights are real, not zero-sized placeholders. */
const barCount = (page: Page, testId: string) => page.getByTestId(testId).locator(".recharts-bar-rectangle path, .recharts-rectangle").count();

beforeAll(async () => {
  world = await seed();
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL!, AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-auth-secret-0123456789", BAAS_ENCRYPTION_KEY: process.env.BAAS_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"), BAAS_DEMO_MODE: "true", RESEND_API_KEY: "" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db.tenant.deleteMany({ where: { id: world?.tenant.id } });
  await db.upstreamAccount.deleteMany({ where: { name: { startsWith: `[u-${tag}]` } } });
  await db.modelPrice.deleteMany({ where: { model: { in: Object.values(world?.model ?? {}) } } });
});

describe("usage analytics pages", () => {
  it("show where the money went with charts, drill down to single calls and export what is on screen", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    const t = world.tenant.id;
    await signIn(page, world.owner.email, `/t/${t}/usage?range=30d`);
    await page.getByRole("heading", { name: "Usage", exact: true }).waitFor();
    const brl = (await db.usageEvent.aggregate({ where: { tenantId: t }, _sum: { costTenantMicros: true } }))._sum.costTenantMicros!;
    const shown = new Intl.NumberFormat("en", { style: "currency", currency: "BRL" }).format(Number(brl) / 1e6);
    expect(await page.getByTestId("usage-totals").textContent()).toContain(shown);
    expect(await page.getByTestId("table-channels").textContent()).toContain("Vendas VIP");
    expect(await page.getByTestId("table-accounts").textContent()).toContain(world.paid.name);
    await page.getByTestId("chart-daily").locator(".recharts-bar-rectangle").first().waitFor();
    for (const chart of ["chart-daily", "chart-latency", "chart-cache", "chart-fallbacks"]) expect(await barCount(page, chart), chart).toBeGreaterThan(0);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await shot(page, "40-usage-desktop");

    const download = page.waitForEvent("download");
    await page.getByTestId("export-csv").click();
    const csv = readFileSync((await (await download).path())!, "utf8");
    expect(csv).toContain("Cost by group or DM");
    expect(csv).toContain(`Vendas VIP,${Number((await db.usageEvent.aggregate({ where: { channelId: world.vip.id }, _sum: { costTenantMicros: true } }))._sum.costTenantMicros) / 1e6}`);
    // The DM's name starts with "=": a spreadsheet must get text, not a formula.
    expect(csv).toContain("\r\n'=cmd|' /C calc'!A0,");

    await page.getByTestId("table-channels").getByRole("link", { name: "Vendas VIP" }).click();
    await page.getByRole("heading", { name: "Vendas VIP", exact: true }).waitFor();
    // A session reads "lobo · group"; its key (with the WhatsApp id) is only in the hover and the export.
    const sessions = page.getByTestId("table-sessions");
    expect(await sessions.textContent()).toContain("lobo · group");
    expect(await sessions.textContent()).not.toContain("@g.us");
    expect(await sessions.getByRole("cell").first().getAttribute("title")).toBe(world.vipSession);
    await shot(page, "41-usage-sessions");
    await sessions.getByRole("link", { name: "lobo · group" }).click();
    await page.getByRole("heading", { name: "Session calls" }).waitFor();
    const calls = await page.getByTestId("table-calls").textContent();
    expect(calls).toContain(`${world.max.name} → ${world.paid.name}`);
    expect(calls).toContain("error 529");
    await shot(page, "42-usage-calls");

    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [[`/t/${t}/usage?range=7d&stack=agent`, "43-usage-phone"], [`/t/${t}/usage/agent/${world.lobo.id}?range=7d`, "44-usage-sessions-phone"]] as const) {
      await page.goto(`${app.url}${path}`);
      await page.locator("h1").first().waitFor();
      expect(await sideways(page), path).toBeLessThanOrEqual(0);
      await shot(page, name);
    }
    await page.goto(`${app.url}/t/${t}/usage?range=custom&from=2026-02-01&to=2026-01-01`);
    await page.getByText("to: To must be on or after From").waitFor();

    // The alert webhook (alerts page): a plain-http URL is refused by name, an https one shows its secret once.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${app.url}/t/${t}/alerts`);
    const hook = page.getByTestId("webhook-settings");
    await hook.getByLabel("Webhook URL").fill("http://hooks.example.com/baas");
    await hook.getByRole("button", { name: "Save" }).click();
    await hook.getByText("url: URL must use https").waitFor();
    await hook.getByLabel("Webhook URL").fill("https://hooks.example.com/baas");
    await hook.getByRole("button", { name: "Save" }).click();
    expect(await hook.getByTestId("webhook-secret").textContent()).toMatch(/^whsec_/);
    await hook.getByText("https://hooks.example.com/baas").waitFor();
    await shot(page, "45-alerts-webhook");
    await ctx.close();
  });

  it("an operator opens any tenant's usage without being a member, and the pool health", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, world.operator.email, `/t/${world.tenant.id}/usage?range=90d`);
    await page.getByRole("heading", { name: "Usage", exact: true }).waitFor();
    expect(await page.getByTestId("table-agents").textContent()).toContain("Lobo");
    // Not a member here: the header says operator, not a role in this workspace.
    expect(await page.getByTestId("whoami").textContent()).toContain("operator (not a member)");
    // The operator's pool view: status, today's figures and the last error per account.
    await page.goto(`${app.url}/operator/health`);
    await page.getByLabel("Filter accounts").fill(`[u-${tag}]`);
    const card = page.getByTestId(`health-${world.max.name}`);
    await card.waitFor();
    expect(await card.textContent()).toMatch(/disabled[\s\S]*Last error: .* 529 · u-sonnet/);
    await shot(page, "46-operator-pool-health");
    await ctx.close();
  });
});

/**
 * Every page, in Portuguese and English, at desktop (1280×800) and phone (390×844) sizes: no
 * sideways scroll, no English left on a Portuguese page, no raw ids, no internal error text.
 * Screenshots of each go to /tmp/shots-i18n/. The routes come from e2e/walk/routes-*.ts (each
 * engineer lists their own pages there). Also: the header's language switch is remembered for the
 * signed-in person.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildUsageDaily } from "@baas/db";
import { readCatalog } from "../src/i18n/catalog";
import { startApp, type AppServer } from "./support/app-server";
import { launchBrowser } from "./support/browser";
import { testDb } from "./support/fixtures";
import { checkPage, englishFragments } from "./walk/page-checks";
import type { WalkRoute, WalkWorld } from "./walk/walk-types";

const here = dirname(fileURLToPath(import.meta.url));
const SHOTS = "/tmp/shots-i18n";
const db = testDb();
const tag = randomBytes(4).toString("hex");
const DAY = 86_400_000;
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const LOCALES = ["pt-BR", "en"] as const;
const fragments = englishFragments(readCatalog(join(here, "..", "messages"), "en"), readCatalog(join(here, "..", "messages"), "pt-BR"));

let app: AppServer;
let browser: Browser;
let world: WalkWorld & { userId: string; token: string; model: string };

async function loadRoutes(): Promise<WalkRoute[]> {
  const files = readdirSync(join(here, "walk")).filter((f) => /^routes-.*\.ts$/.test(f)).sort();
  const lists = await Promise.all(files.map(async (f) => ((await import(pathToFileURL(join(here, "walk", f)).href)) as { routes: WalkRoute[] }).routes));
  return lists.flat();
}

/** A BRL workspace with usage, a USD budget, an alert and an audit entry; its owner is also the platform operator. */
async function seed() {
  const model = `w-sonnet-${tag}`;
  await db.modelPrice.create({ data: { provider: "ANTHROPIC", model, displayName: `Sonnet ${tag}`, inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75, effectiveFrom: new Date(Date.now() - 30 * DAY) } });
  const tenant = await db.tenant.create({ data: { slug: `walk-${tag}`, name: `Loja Walk ${tag}`, currency: "BRL", timezone: "America/Sao_Paulo" } });
  const user = await db.user.create({ data: { email: `walk-${tag}@e2e.test`, name: "Dona Walk", platformRole: "OPERATOR" } });
  await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: "OWNER" } });
  const agent = await db.agent.create({ data: { tenantId: tenant.id, externalId: "lobo", name: "Lobo", emoji: "🐺" } });
  const group = await db.channel.create({ data: { tenantId: tenant.id, provider: "whatsapp", peerKind: "GROUP", externalId: `120363${tag}02@g.us`, name: "Vendas Loja" } });
  const max = await db.upstreamAccount.create({ data: { name: `[w-${tag}] Max #1`, provider: "ANTHROPIC", kind: "MAX_SUBSCRIPTION", credentialCiphertext: "x", credentialHint: "…MAX1", status: "DISABLED" } });
  const paid = await db.upstreamAccount.create({ data: { name: `[w-${tag}] Chave paga`, provider: "ANTHROPIC", kind: "API_KEY", credentialCiphertext: "x", credentialHint: "…PAID", status: "DISABLED" } });
  const budget = await db.budget.create({ data: { tenantId: tenant.id, scope: "TENANT", name: "Mensal da loja", currency: "USD", limitMoneyMicros: 1_000_000_000n } });
  await db.alert.create({ data: { tenantId: tenant.id, budgetId: budget.id, kind: "BUDGET_THRESHOLD", severity: "WARNING", thresholdPct: 80, periodKey: `walk-${tag}`, message: "Budget reached 80%", dedupeKey: `walk-${tag}` } });
  await db.auditLog.create({ data: { tenantId: tenant.id, actorUserId: user.id, action: "agent.update", entityType: "Agent", entityId: agent.id, before: { name: "Lobo", channelId: group.id }, after: { name: "Lobo Mau", channelId: group.id } } });
  // A direct message (listed apart from groups, by name) and a connected bot, for the flows pages.
  await db.channel.create({ data: { tenantId: tenant.id, provider: "whatsapp", peerKind: "DM", externalId: `55119${tag}@s.whatsapp.net`, name: "Maria Cliente" } });
  const instance = await db.instance.create({ data: { tenantId: tenant.id, name: "Bot da loja", keyHash: randomBytes(32).toString("hex"), keyPrefix: "bk_walk", lastSeenAt: new Date(), hostVersion: "2026.9.6", pluginVersion: "0.1.0" } });
  const sessionKey = `agent:lobo:whatsapp:group:${group.externalId}`;
  const events = Array.from({ length: 12 }, (_, i) => ({
    idempotencyKey: randomUUID(), tenantId: tenant.id, provider: "ANTHROPIC" as const, agentId: agent.id, channelId: group.id, sessionKey, runId: `walk-${i}`,
    model, upstreamAccountId: i % 4 === 0 ? paid.id : max.id, fallbackPath: i % 4 === 0 ? [max.name, paid.name] : [max.name], streaming: true,
    inputTokens: 2000, outputTokens: 300, costListUsdMicros: 150_000, costCashUsdMicros: i % 4 === 0 ? 150_000 : 0, costTenantMicros: 750_000, tenantCurrency: "BRL", fxRate: 5,
    latencyMs: 900, ttftMs: 250, status: (i === 5 ? "ERROR" : "OK") as "ERROR" | "OK", errorCode: i === 5 ? "529" : null, occurredAt: new Date(Date.now() - (i % 6) * DAY - i * 60_000),
  }));
  await db.usageEvent.createMany({ data: events });
  await rebuildUsageDaily(db, tenant.id);
  const token = randomBytes(24).toString("hex");
  await db.session.create({ data: { sessionToken: token, userId: user.id, expires: new Date(Date.now() + DAY) } });
  return { tenantId: tenant.id, channelId: group.id, sessionKey, agentId: agent.id, instanceId: instance.id, userId: user.id, token, model };
}

async function contextFor(locale: (typeof LOCALES)[number], size: keyof typeof SIZES, signedIn: boolean): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: SIZES[size], locale: locale === "en" ? "en-US" : "pt-BR" });
  const host = new URL(app.url).hostname;
  const cookies: Array<{ name: string; value: string; domain: string; path: string }> = [{ name: "NEXT_LOCALE", value: locale, domain: host, path: "/" }];
  if (signedIn) cookies.push({ name: "next-auth.session-token", value: world.token, domain: host, path: "/" });
  await ctx.addCookies(cookies);
  return ctx;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  world = await seed();
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL!, AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-auth-secret-0123456789", BAAS_ENCRYPTION_KEY: randomBytes(32).toString("base64"), BAAS_DEMO_MODE: "true", RESEND_API_KEY: "" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db.tenant.deleteMany({ where: { id: world?.tenantId } });
  await db.user.deleteMany({ where: { email: { in: [`walk-${tag}@e2e.test`, `walk-pt-${tag}@e2e.test`] } } });
  await db.upstreamAccount.deleteMany({ where: { name: { startsWith: `[w-${tag}]` } } });
  await db.modelPrice.deleteMany({ where: { model: world?.model } });
});

describe("every page in both languages and both sizes", () => {
  for (const locale of LOCALES) {
    for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
      it(`${locale} at ${size}`, async () => {
        const routes = await loadRoutes();
        expect(routes.length).toBeGreaterThan(10);
        const problems: string[] = [];
        const consoleErrors: string[] = [];
        for (const anonymous of [true, false]) {
          const ctx = await contextFor(locale, size, !anonymous);
          const page = await ctx.newPage();
          page.setDefaultTimeout(20_000);
          page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(m.text())));
          for (const r of routes.filter((x) => Boolean(x.anonymous) === anonymous)) {
            const res = await page.goto(`${app.url}${r.path(world)}`);
            expect(res?.status(), r.name).toBeLessThan(400);
            await page.locator(r.ready ?? "h1").first().waitFor();
            expect(await page.locator("html").getAttribute("lang"), r.name).toBe(locale);
            const rep = await checkPage(page, locale, fragments);
            await page.screenshot({ path: join(SHOTS, `${r.name}-${locale}-${size}.png`), fullPage: true });
            if (rep.sideways > 0) problems.push(`${r.name}: scrolls sideways by ${rep.sideways}px`);
            for (const l of rep.english) problems.push(`${r.name}: English on a Portuguese page: ${l}`);
            for (const l of rep.rawIds) problems.push(`${r.name}: raw id: ${l}`);
            for (const l of rep.internal) problems.push(`${r.name}: internal text: ${l}`);
          }
          await ctx.close();
        }
        expect(problems).toEqual([]);
        expect(consoleErrors.filter((e) => /MISSING_MESSAGE|FORMATTING_ERROR|i18n/.test(e))).toEqual([]);
        expect(app.logs.join("").match(/"msg":"i18n".*/g) ?? []).toEqual([]);
      });
    }
  }
});

describe("the header's language switch", () => {
  it("switches the page and is remembered for the signed-in person", async () => {
    const ctx = await browser.newContext({ viewport: SIZES.desktop, locale: "en-US" });
    const host = new URL(app.url).hostname;
    await ctx.addCookies([{ name: "next-auth.session-token", value: world.token, domain: host, path: "/" }]);
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${app.url}/t/${world.tenantId}/budgets`);
    await page.getByRole("heading", { name: "Budgets" }).waitFor();
    await page.getByTestId("locale-switcher").selectOption("pt-BR");
    await page.getByRole("heading", { name: "Orçamentos" }).waitFor();
    // Money in the workspace's currency the Brazilian way; the USD budget keeps its dollars on hover.
    const money = page.getByTestId("budget-card-Mensal da loja").locator("[data-money]").first();
    expect((await money.textContent())?.replace(/\s/g, " ")).toMatch(/^R\$ \d{1,3}(\.\d{3})*,\d{2}$/);
    expect(await money.getAttribute("title")).toMatch(/^US\$/);
    expect((await db.user.findUniqueOrThrow({ where: { id: world.userId } })).locale).toBe("pt-BR");
    // A form refusal reads in Portuguese too (the shared schema words it in English).
    await page.getByRole("button", { name: "Novo orçamento" }).click();
    await page.getByRole("button", { name: "Criar orçamento" }).click();
    await page.getByText("Dê um nome de até 80 caracteres").waitFor();
    await page.getByRole("button", { name: "Cancelar" }).click();
    // A fresh browser (no cookie, English Accept-Language) still gets the saved choice.
    const other = await browser.newContext({ viewport: SIZES.desktop, locale: "en-US" });
    await other.addCookies([{ name: "next-auth.session-token", value: world.token, domain: host, path: "/" }]);
    const p2 = await other.newPage();
    await p2.goto(`${app.url}/t/${world.tenantId}/members`);
    await p2.getByRole("heading", { name: "Membros" }).waitFor();
    await other.close();
    await ctx.close();
    await db.user.update({ where: { id: world.userId }, data: { locale: null } });
  });
});

describe("a Portuguese browser", () => {
  it("signs in with a Portuguese page and a Portuguese e-mail, before any choice is saved", async () => {
    const ctx = await browser.newContext({ viewport: SIZES.phone, locale: "pt-BR" });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    const email = `walk-pt-${tag}@e2e.test`;
    await page.goto(`${app.url}/signin`);
    await page.getByRole("heading", { name: "Entrar" }).waitFor();
    await page.getByLabel("E-mail").fill(email);
    await page.getByRole("button", { name: "Enviar link de acesso" }).click();
    await page.getByRole("heading", { name: "Confira seu e-mail" }).waitFor();
    await page.getByRole("link", { name: "Abrir a caixa de entrada de teste" }).click();
    const mail = page.getByRole("listitem").filter({ hasText: `para ${email}` }).first();
    await mail.getByText("Seu link de acesso ao BaaS").waitFor();
    await mail.getByRole("link", { name: "Abrir o link" }).click();
    await page.getByRole("heading", { name: "Você ainda não tem equipe" }).waitFor();
    await ctx.close();
  });
});

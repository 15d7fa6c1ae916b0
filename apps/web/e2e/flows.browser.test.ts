/**
 * Issue #13, the flows a new tenant admin walks, in headless Chromium against the production
 * build: the new-agent wizard binds a group in the same flow and publishes exactly one readable
 * change (counted in PostgreSQL), the on/off switch takes an agent out of the config the plugin
 * pulls, groups and DMs apart by name, the operator's tenants list, and every page at desktop and
 * phone width without sideways scroll or a raw WhatsApp id / row id on screen.
 */
import { randomBytes } from "node:crypto";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@baas/api";
import type { Browser, BrowserContext, Page } from "playwright-core";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "./support/app-server";
import { launchBrowser } from "./support/browser";
import { seedWorld, testDb } from "./support/fixtures";

const SHOTS = "/tmp/shots-flows";
const RAW_ID = /@g\.us|@s\.whatsapp\.net|\bc[a-z0-9]{24}\b/;
const db = testDb();
let world: Awaited<ReturnType<typeof seedWorld>>;
let app: AppServer;
let browser: Browser;
let owner: BrowserContext;
let page: Page;
let operatorCookie: string;
let maria: { id: string };

/** A database session as next-auth keeps them, so the test signs in without the mail round trip (covered elsewhere). */
async function sessionFor(userId: string): Promise<string> {
  const token = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken: token, userId, expires: new Date(Date.now() + 3600_000) } });
  return token;
}

async function signedIn(token: string, viewport = { width: 1280, height: 800 }, locale = "en-US"): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport, locale });
  await ctx.addCookies([{ name: "next-auth.session-token", value: token, url: app.url }]);
  return ctx;
}

const t = () => `${app.url}/t/${world.tenant.id}`;

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  return read();
}

beforeAll(async () => {
  world = await seedWorld(db);
  maria = await db.channel.create({ data: { tenantId: world.tenant.id, provider: "whatsapp", peerKind: "DM", externalId: `5511977776666@s.whatsapp.net`, name: "Maria" } });
  await db.channel.create({ data: { tenantId: world.tenant.id, provider: "whatsapp", peerKind: "DM", externalId: `5511988887777@s.whatsapp.net` } });
  const op = await db.user.create({ data: { email: `operator-flows-${world.tag}@e2e.test`, platformRole: "OPERATOR" } });
  operatorCookie = await sessionFor(op.id);
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL!, AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-auth-secret-0123456789", BAAS_DEMO_MODE: "false" });
  browser = await launchBrowser();
  owner = await signedIn(await sessionFor(world.owner.id));
  page = await owner.newPage();
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("finished flows", () => {
  it("the wizard creates an agent answering a group, in exactly one published change that says so in names", async () => {
    const before = await db.configRevision.count({ where: { tenantId: world.tenant.id } });
    await page.goto(`${t()}/agents/new`);
    await page.getByRole("button", { name: /Blank/ }).click();
    await page.getByLabel("Name", { exact: true }).fill("Coruja");
    await page.getByLabel("Agent id").fill("Coruja!");
    await page.getByRole("button", { name: "Next: where it answers" }).click();
    await page.getByText("Id: lower case letters").waitFor();
    await page.getByLabel("Agent id").fill("coruja");
    await page.getByRole("button", { name: "Next: where it answers" }).click();
    await page.getByText("Step 3 of 3").waitFor();
    await page.getByLabel("Suporte Loja").check();
    await page.screenshot({ path: `${SHOTS}/wizard-step3-desktop.png`, fullPage: true });
    await page.getByRole("button", { name: "Create agent, answering in 1 place" }).click();
    await page.getByRole("heading", { name: /Coruja/ }).waitFor();
    const agent = await db.agent.findUniqueOrThrow({ where: { tenantId_externalId: { tenantId: world.tenant.id, externalId: "coruja" } } });
    expect(await db.binding.count({ where: { agentId: agent.id, channelId: world.support.id } })).toBe(1);
    const revs = await db.configRevision.findMany({ where: { tenantId: world.tenant.id }, orderBy: { version: "asc" } });
    expect(revs).toHaveLength(before + 1);
    const summary = revs.at(-1)!.summary ?? "";
    expect(summary).toBe("Created the agent Coruja; Coruja now answers the group Suporte Loja");
    expect(summary).not.toMatch(RAW_ID);
    const cfg = revs.at(-1)!.config as { bindings: { agentId: string }[] };
    expect(cfg.bindings.map((b) => b.agentId)).toContain("coruja");
    // The bot's page shows the same sentence.
    await page.goto(`${t()}/instances/${world.instance.id}`);
    await expect(page.getByTestId(`revision-v${revs.at(-1)!.version}`).innerText()).resolves.toContain("Coruja now answers the group Suporte Loja");
  });

  it("switching an agent off takes it out of the config the plugin pulls next", async () => {
    const plugin = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${app.url}/api/trpc`, transformer: superjson, headers: { authorization: `Bearer ${world.instanceKey}` } })] });
    const routed = async () => {
      const r = await plugin.instance.pullConfig.mutate({ knownHash: null, waitMs: 0 });
      return (r.revision?.config as { bindings: { agentId: string }[] }).bindings.map((b) => b.agentId);
    };
    expect(await routed()).toContain("lobo");
    await page.goto(`${t()}/agents`);
    const toggle = page.getByRole("switch", { name: "Lobo on or off" });
    expect(await toggle.getAttribute("aria-checked")).toBe("true");
    await toggle.click();
    await until(() => db.agent.findUniqueOrThrow({ where: { id: world.lobo.id } }), (a) => !a.enabled);
    expect(await until(routed, (ids) => !ids.includes("lobo"))).not.toContain("lobo");
    await page.getByTestId("agent-Lobo").getByText("switched off").waitFor();
  });

  it("groups and direct messages are separate sections, by name, with mention settings for groups only", async () => {
    await page.goto(`${t()}/groups`);
    const groups = page.getByRole("list", { name: "Groups", exact: true });
    const dms = page.getByRole("list", { name: "Direct messages", exact: true });
    await groups.getByText("Vendas VIP").waitFor();
    await dms.getByText("Maria").waitFor();
    await dms.getByText("+5511988887777").waitFor();
    expect(await groups.getByText("Maria").count()).toBe(0);
    expect(await page.getByRole("switch", { name: "Require mention in Vendas VIP" }).count()).toBe(1);
    expect(await page.getByRole("switch", { name: "Require mention in Maria" }).count()).toBe(0);
    await expect(page.getByTestId("group-Vendas VIP").innerText()).resolves.toMatch(/This month\s*R\$42\.00/);
    expect(await page.getByTestId(`dm-Maria`).getAttribute("data-testid")).toBe("dm-Maria");
    expect(maria.id).toBeTruthy();
  });

  it("the rule builder binds all direct messages without anyone typing a pattern", async () => {
    await page.goto(`${t()}/bindings`);
    await page.getByLabel("Agent", { exact: true }).selectOption({ label: "🦅 Águia" });
    await page.getByLabel("Where", { exact: true }).selectOption("allDms");
    await page.getByRole("button", { name: "Add rule" }).click();
    await page.getByText("Águia answers all direct messages").waitFor();
    expect(await db.binding.count({ where: { tenantId: world.tenant.id, agentId: world.aguia.id, pattern: "whatsapp:dm:*" } })).toBe(1);
  });

  it("in Portuguese, the published change and the pages speak Portuguese", async () => {
    const ctx = await signedIn((await db.session.findFirstOrThrow({ where: { userId: world.owner.id } })).sessionToken, { width: 390, height: 844 }, "pt-BR");
    const pt = await ctx.newPage();
    await pt.goto(`${t()}/instances/${world.instance.id}`);
    await pt.getByRole("heading", { name: "Alterações publicadas" }).waitFor();
    await expect(pt.getByTestId("revision-summary").first().innerText()).resolves.toContain("Coruja agora responde o grupo Suporte Loja");
    await pt.screenshot({ path: `${SHOTS}/pt-instance-detail-phone.png`, fullPage: true });
    await pt.goto(`${t()}/groups`);
    await pt.getByRole("heading", { name: "Grupos e conversas privadas" }).waitFor();
    await pt.screenshot({ path: `${SHOTS}/pt-groups-phone.png`, fullPage: true });
    await ctx.close();
  });

  it("the operator's tenants list shows plan, spend and status", async () => {
    const ctx = await signedIn(operatorCookie, { width: 390, height: 844 });
    const op = await ctx.newPage();
    await op.goto(`${app.url}/operator`);
    const card = op.getByTestId(`tenant-${world.tenant.slug}`);
    await card.waitFor();
    expect(await card.innerText()).toMatch(/no subscription[\s\S]*This month\s*R\$59\.10/);
    await ctx.close();
  });
});

const PAGES = ["", "/agents", "/agents/new", "/groups", "/bindings", "/instances"];

describe("every page of this part, at desktop and phone width", () => {
  for (const [label, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]] as const) {
    it(`${label}: no sideways scroll and no raw id on screen`, async () => {
      const ctx = await signedIn((await db.session.findFirstOrThrow({ where: { userId: world.owner.id } })).sessionToken, viewport);
      const p = await ctx.newPage();
      p.setDefaultTimeout(15_000);
      const problems: string[] = [];
      const check = async (url: string, name: string) => {
        await p.goto(url);
        await p.locator("h1").first().waitFor();
        const { scroll, text } = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth, text: document.body.innerText }));
        if (scroll > 0) problems.push(`${name}: ${scroll}px sideways scroll`);
        const raw = RAW_ID.exec(text);
        if (raw) problems.push(`${name}: raw id "${raw[0]}" on screen`);
        await p.screenshot({ path: `${SHOTS}/${name.replace(/\W+/g, "-") || "overview"}-${label}.png`, fullPage: true });
      };
      for (const path of PAGES) await check(`${t()}${path}`, `tenant${path}`);
      await check(`${t()}/instances/${world.instance.id}`, "tenant/instance-detail");
      await check(`${t()}/agents/${world.lobo.id}`, "tenant/agent-form");
      await ctx.close();
      const opCtx = await signedIn(operatorCookie, viewport);
      const op = await opCtx.newPage();
      await op.goto(`${app.url}/operator`);
      await op.locator("h1").first().waitFor();
      const scroll = await op.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (scroll > 0) problems.push(`operator: ${scroll}px sideways scroll`);
      await op.screenshot({ path: `${SHOTS}/operator-${label}.png`, fullPage: true });
      await opCtx.close();
      expect(problems).toEqual([]);
    });
  }
});

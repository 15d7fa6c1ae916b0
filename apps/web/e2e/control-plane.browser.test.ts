/**
 * The control plane as a person uses it, in headless Chromium against the production build:
 * magic-link sign-in (email read from the fake Resend), invitations, agent identity and model,
 * group require-mention, bindings, the pending revision and a rollback.
 */
import { startFakeResend, type FakeResend } from "@baas/testkit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "./support/app-server";
import { launchBrowser, shot } from "./support/browser";
import { linkIn, seedWorld, testDb } from "./support/fixtures";

const db = testDb();
let world: Awaited<ReturnType<typeof seedWorld>>;
let resend: FakeResend;
let app: AppServer;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;

beforeAll(async () => {
  world = await seedWorld(db);
  resend = await startFakeResend();
  app = await startApp({
    DATABASE_URL: process.env.DATABASE_URL!,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-auth-secret-0123456789",
    RESEND_API_KEY: "re_e2e_test",
    RESEND_BASE_URL: resend.url,
    EMAIL_FROM: "BaaS <no-reply@e2e.test>",
    BAAS_DEMO_MODE: "false",
  });
  browser = await launchBrowser();
  ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await resend?.close();
});

const t = () => `/t/${world.tenant.id}`;

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  return read();
}

describe("control plane in the browser", () => {
  it("signs in through the magic link from the email", async () => {
    await page.goto(`${app.url}/signin`);
    await shot(page, "01-signin");
    await page.getByLabel("Email").fill(world.owner.email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByRole("heading", { name: "Check your email" }).waitFor();
    const mail = await resend.waitForEmail(world.owner.email, 10_000);
    expect(mail.subject).toMatch(/sign-in link/);
    await page.goto(linkIn(mail.text));
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    expect(page.url()).toMatch(new RegExp(`${t()}$`));
    await expect(page.getByTestId("whoami").textContent()).resolves.toContain(world.owner.email);
    await shot(page, "02-overview");
    // single use: the same link again does not sign anyone in
    const other = await browser.newContext();
    const p2 = await other.newPage();
    await p2.goto(linkIn(mail.text));
    expect(p2.url()).toMatch(/\/signin\?.*error=Verification/);
    await other.close();
  });

  it("lands on the overview: agents online, this month's cost by group/agent/model, budget use, revisions", async () => {
    await expect(page.getByTestId("agents-online").textContent()).resolves.toBe("1");
    await expect(page.getByTestId("month-cost").textContent()).resolves.toBe("R$59.10");
    const byChannel = await page.getByTestId("cost-by-channel").innerText();
    expect(byChannel).toMatch(/Vendas VIP\s+R\$42\.00[\s\S]*Suporte Loja\s+R\$17\.10/);
    await expect(page.getByTestId("cost-by-agent").innerText()).resolves.toMatch(/🐺 Lobo\s+R\$42\.00/);
    await expect(page.getByTestId("cost-by-model").innerText()).resolves.toContain(world.models.opus);
    const budget = await page.getByTestId("budget-Team monthly").innerText();
    expect(budget).toContain("59.1% used");
    expect(budget).toMatch(/alerts at 50%, 80%, 100%.*passed 50%/);
    await expect(page.getByTestId(`instance-${world.instance.name}`).innerText()).resolves.toMatch(/running nothing yet[\s\S]*change #1 waiting/);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "02b-overview-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
    // A call that cost more than its hold is raised where the admin looks first.
    const message = "A claude-sonnet-4-5 call cost $0.0449 more than its admitted maximum (the provider wrote past max_tokens).";
    await db.alert.create({ data: { tenantId: world.tenant.id, kind: "HOLD_EXCEEDED", severity: "WARNING", message, dedupeKey: `e2e:${world.tag}:hold` } });
    await page.reload();
    await expect(page.getByTestId("alert-HOLD_EXCEEDED").innerText()).resolves.toMatch(/Over its limit[\s\S]*maximum it was admitted for/);
    await shot(page, "02c-overview-alerts");
  });

  it("lists alerts with the open count in the header, and acknowledging one takes it off both", async () => {
    const open = await db.alert.count({ where: { tenantId: world.tenant.id, acknowledgedAt: null } });
    expect(open).toBeGreaterThanOrEqual(1);
    await page.goto(`${app.url}${t()}/alerts`);
    await page.getByRole("heading", { name: "Alerts" }).waitFor();
    await expect(page.getByTestId("open-alerts").innerText()).resolves.toBe(String(open));
    await page.getByLabel("Kind").selectOption("HOLD_EXCEEDED");
    const row = page.getByTestId("alert-row-HOLD_EXCEEDED");
    await row.waitFor();
    await shot(page, "02d-alerts");
    await row.getByRole("button", { name: "Acknowledge" }).click();
    await row.waitFor({ state: "detached" });
    await until(() => page.getByTestId("open-alerts").count().then(async (n) => (n ? page.getByTestId("open-alerts").innerText() : "0")), (v) => v === String(open - 1));
    await expect(page.getByTestId("open-alerts").count().then(async (n) => (n ? page.getByTestId("open-alerts").innerText() : "0"))).resolves.toBe(String(open - 1));
    const acked = await db.alert.findFirstOrThrow({ where: { tenantId: world.tenant.id, kind: "HOLD_EXCEEDED" } });
    expect(acked.acknowledgedById).toBe(world.owner.id);
    await page.getByLabel("Status").selectOption("acknowledged");
    await expect(page.getByTestId("alert-row-HOLD_EXCEEDED").innerText()).resolves.toMatch(/acknowledged .* by owner-/);
  });

  it("invites a member, who joins through the emailed link", async () => {
    const invitee = `new-${world.tag}@e2e.test`;
    await page.goto(`${app.url}${t()}/members`);
    await page.getByLabel("Email", { exact: true }).fill(invitee);
    await page.getByLabel("Role", { exact: true }).selectOption("VIEWER");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText(`Invitation sent to ${invitee}.`).waitFor();
    await shot(page, "03-members");
    const mail = await resend.waitForEmail(invitee, 10_000);
    expect(mail.subject).toContain(world.tenant.name);
    const guest = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const gp = await guest.newPage();
    await gp.goto(linkIn(mail.text));
    await gp.getByRole("button", { name: "Accept invitation" }).click();
    await gp.getByRole("heading", { name: "Overview" }).waitFor();
    await shot(gp, "04-invitee-overview-phone");
    await guest.close();
    const m = await db.membership.findFirst({ where: { tenantId: world.tenant.id, user: { email: invitee } } });
    expect(m?.role).toBe("VIEWER");
  });

  it("removes a member only after asking, and never offers to remove yourself", async () => {
    const invitee = `new-${world.tag}@e2e.test`;
    await page.goto(`${app.url}${t()}/members`);
    const members = page.getByRole("list", { name: "Members" });
    const mine = members.getByRole("listitem").filter({ hasText: "you" });
    await mine.waitFor();
    expect(await mine.getByRole("button", { name: /^Remove/ }).count()).toBe(0);
    await page.getByRole("button", { name: `Remove ${invitee}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText(`${invitee} loses access to this workspace at once.`).waitFor();
    await shot(page, "03b-member-remove-confirm");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await db.membership.count({ where: { tenantId: world.tenant.id, user: { email: invitee } } })).toBe(1);
    await page.getByRole("button", { name: `Remove ${invitee}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove", exact: true }).click();
    await members.getByRole("listitem").filter({ hasText: invitee }).waitFor({ state: "detached" });
    expect(await db.membership.count({ where: { tenantId: world.tenant.id, user: { email: invitee } } })).toBe(0);
  });

  it("revokes an invitation, and its emailed link then signs nobody in", async () => {
    const invitee = `revoked-${world.tag}@e2e.test`;
    await page.goto(`${app.url}${t()}/members`);
    await page.getByLabel("Email", { exact: true }).fill(invitee);
    await page.getByRole("button", { name: "Send invitation" }).click();
    const mail = await resend.waitForEmail(invitee, 10_000);
    const pending = page.getByRole("list", { name: "Pending invitations" }).getByRole("listitem").filter({ hasText: invitee });
    await pending.getByRole("button", { name: "Revoke" }).click();
    await pending.waitFor({ state: "detached" });
    const guest = await browser.newContext();
    const gp = await guest.newPage();
    await gp.goto(linkIn(mail.text));
    expect(await db.session.count({ where: { user: { email: invitee } } })).toBe(0);
    expect(await db.membership.count({ where: { tenantId: world.tenant.id, user: { email: invitee } } })).toBe(0);
    await guest.close();
  });

  it("edits an agent's identity and model, with validation as you type", async () => {
    await page.goto(`${app.url}${t()}/agents/${world.lobo.id}`);
    const name = page.getByLabel("Name", { exact: true });
    await name.fill("");
    await page.getByText("Name is required").waitFor();
    expect(await page.getByRole("button", { name: "Save agent" }).isDisabled()).toBe(true);
    await name.fill("Lobo Mau");
    await page.getByLabel("Emoji").fill("🐺");
    await page.getByLabel("Default model").selectOption(world.models.opus);
    await page.getByRole("button", { name: "Save agent" }).click();
    await page.getByText("Saved: your bots get this as a published change").waitFor();
    await shot(page, "05-agent-edit");
    const agent = await db.agent.findUniqueOrThrow({ where: { id: world.lobo.id } });
    expect(agent).toMatchObject({ name: "Lobo Mau", model: world.models.opus });
  });

  it("creates an agent from the support template and duplicates it", async () => {
    await page.goto(`${app.url}${t()}/agents/new`);
    await page.getByRole("button", { name: /Support/ }).click();
    const id = page.getByLabel("Agent id");
    await id.fill("Coruja!");
    await page.getByText("Id: lower case letters").waitFor();
    await id.fill("coruja");
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Support agent");
    await shot(page, "05b-agent-wizard");
    await page.getByRole("button", { name: "Next: where it answers" }).click();
    await page.getByRole("button", { name: "Create agent" }).click();
    await page.getByRole("heading", { name: /Support agent/ }).waitFor();
    const created = await db.agent.findUniqueOrThrow({ where: { tenantId_externalId: { tenantId: world.tenant.id, externalId: "coruja" } } });
    expect(created.skills).toEqual(["search", "stt"]);
    await page.goto(`${app.url}${t()}/agents`);
    await page.getByRole("button", { name: "Duplicate Support agent" }).click();
    await page.getByLabel("New agent id").fill("lobo");
    await page.getByRole("dialog").getByRole("button", { name: "Duplicate" }).click();
    await page.getByRole("dialog").getByText('an agent with id "lobo" already exists').waitFor();
    await page.getByLabel("New agent id").fill("coruja-2");
    await page.getByRole("dialog").getByRole("button", { name: "Duplicate" }).click();
    await page.getByText("Support agent (copy)").waitFor();
  });

  it("archives an agent after a confirmation, keeping its history out of the list", async () => {
    const copy = await db.agent.findUniqueOrThrow({ where: { tenantId_externalId: { tenantId: world.tenant.id, externalId: "coruja-2" } } });
    await page.goto(`${app.url}${t()}/agents/${copy.id}`);
    await page.getByRole("button", { name: "Archive agent…" }).click();
    await page.getByText("Archive Support agent (copy)?").waitFor();
    await shot(page, "05c-agent-archive-confirm");
    expect(await db.agent.count({ where: { id: copy.id, archivedAt: { not: null } } })).toBe(0);
    await page.getByRole("button", { name: "Yes, archive" }).click();
    await page.waitForURL(`${app.url}${t()}/agents`);
    await page.getByText("Support agent", { exact: true }).waitFor();
    expect(await page.getByText("Support agent (copy)").count()).toBe(0);
    expect(await db.agent.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({ enabled: false, archivedAt: expect.any(Date) });
  });

  it("toggles require-mention on a group", async () => {
    await page.goto(`${app.url}${t()}/groups`);
    await page.getByLabel("Search groups").fill("vendas");
    await page.getByText("1 of 2 groups").waitFor();
    const toggle = page.getByRole("switch", { name: "Require mention in Vendas VIP" });
    expect(await toggle.getAttribute("aria-checked")).toBe("true");
    await toggle.click();
    const ch = await until(() => db.channel.findUniqueOrThrow({ where: { id: world.vip.id } }), (c) => !c.requireMention);
    expect(ch.requireMention).toBe(false);
    await page.getByLabel("Search groups").fill("");
    await shot(page, "06-groups");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "06b-groups-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("binds a group to another agent and shows the unbound one plainly", async () => {
    await page.goto(`${app.url}${t()}/bindings`);
    await page.getByText("Suporte Loja has no agent: nobody answers there").waitFor();
    await page.getByLabel("Agent for Vendas VIP").selectOption(world.aguia.id);
    const b = await until(() => db.binding.findFirst({ where: { tenantId: world.tenant.id, channelId: world.vip.id } }), (x) => x?.agentId === world.aguia.id);
    expect(b?.agentId).toBe(world.aguia.id);
    await shot(page, "07-bindings");
  });

  it("shows the new revision pending and rolls back to an earlier one", async () => {
    const revs = await db.configRevision.findMany({ where: { instanceId: world.instance.id }, orderBy: { version: "asc" } });
    const latest = revs.at(-1)!;
    expect(latest.status).toBe("PENDING");
    expect(JSON.stringify(latest.config)).toContain('"agentId":"aguia"');
    await page.goto(`${app.url}${t()}/instances/${world.instance.id}`);
    await expect(page.getByTestId("pending-revision").textContent()).resolves.toContain(`change #${latest.version}`);
    await shot(page, "08-instance");
    const first = revs[0]!;
    await page.getByRole("button", { name: `Roll back to v${first.version}` }).click();
    await page.getByRole("dialog").getByText("agents created since are switched off").waitFor();
    await shot(page, "08b-rollback-confirm");
    await page.getByRole("dialog").getByRole("button", { name: "Roll back", exact: true }).click();
    await page.getByTestId(`revision-v${latest.version + 1}`).waitFor();
    const rolled = await db.configRevision.findFirstOrThrow({ where: { instanceId: world.instance.id, version: latest.version + 1 } });
    expect(rolled).toMatchObject({ status: "PENDING", hash: first.hash, rollbackOfId: first.id });
    await expect(page.getByTestId("pending-revision").textContent()).resolves.toContain(`change #${latest.version + 1}`);
    await shot(page, "09-instance-rolled-back");
    // The saved settings went back too: the pages show what the bot will run.
    await page.goto(`${app.url}${t()}/agents/${world.lobo.id}`);
    const name = page.getByLabel("Name", { exact: true });
    await until(() => name.inputValue(), (v) => v === "Lobo");
    expect(await name.inputValue()).toBe("Lobo");
    expect(await page.getByLabel("Default model").inputValue()).toBe(world.models.sonnet);
    await page.goto(`${app.url}${t()}/bindings`);
    expect(await page.getByLabel("Agent for Vendas VIP").inputValue()).toBe(world.lobo.id);
  });

  it("an admin sets an agent budget in the browser, and the next gateway call is refused with its sentence; paused, it no longer blocks", async () => {
    await page.goto(`${app.url}${t()}/budgets`);
    await page.getByRole("heading", { name: "Budgets" }).waitFor();
    await page.getByRole("button", { name: "New budget" }).click();
    await page.getByLabel("Name").fill("Lobo daily cap");
    await page.getByLabel("Applies to").selectOption("AGENT");
    await page.getByLabel("Agent", { exact: true }).selectOption(world.lobo.id);
    await page.getByLabel("Period").selectOption("DAILY");
    await page.getByLabel("Currency").selectOption("USD");
    // Validated as you type, named next to the field.
    await page.getByLabel("Money limit").fill("-5");
    await page.getByText("Money limit cannot be negative").waitFor();
    await page.getByLabel("Money limit").fill("0");
    await shot(page, "11-budget-form");
    await page.getByRole("button", { name: "Create budget" }).click();
    const card = page.getByTestId("budget-card-Lobo daily cap");
    await card.waitFor();
    expect(await card.innerText()).toMatch(/🐺 Lobo · daily · blocks at the limit[\s\S]*\$0\.00/);
    await shot(page, "12-budgets");
    const call = () =>
      fetch(`${app.url}/api/trpc/gateway.complete`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${world.instanceKey}` },
        body: JSON.stringify({ json: { provider: "anthropic", request: { model: world.models.sonnet, max_tokens: 50, messages: [{ role: "user", content: "oi" }] }, context: { agentId: "lobo", callId: `e2e-${Date.now()}-${Math.random()}` } } }),
      });
    const blocked = await call();
    expect(blocked.status).toBe(402);
    const body = (await blocked.json()) as { error: { json: { data: { details: { message: string } } } } };
    expect(body.error.json.data.details.message).toMatch(/^This assistant's daily budget is used up; it resets on \d{4}-\d{2}-\d{2}\.$/);
    await card.getByRole("button", { name: "Pause" }).click();
    await card.getByRole("button", { name: "Resume" }).waitFor();
    expect(await card.innerText()).toContain("paused");
    // Paused: the budget no longer refuses (this server has no upstream account, so the call fails further on).
    const after = await call();
    expect(after.status, await after.text()).not.toBe(402);
    await card.getByRole("button", { name: "Delete" }).click();
    await card.getByRole("button", { name: "Delete for good" }).click();
    await card.waitFor({ state: "detached" });

    // A rate limit on one agent, from the same page: the second call in the minute is refused.
    const rateForm = page.getByRole("form", { name: "New rate limit" });
    await rateForm.getByLabel("For").selectOption("AGENT");
    await rateForm.getByLabel("Agent").selectOption(world.aguia.id);
    await rateForm.getByLabel("Max requests").fill("0");
    await page.getByText("Max requests is at least 1").waitFor();
    await rateForm.getByLabel("Max requests").fill("1");
    await rateForm.getByRole("button", { name: "Add limit" }).click();
    await page.getByTestId("rate-🦅 Águia").waitFor();
    expect(await page.getByTestId("rate-🦅 Águia").innerText()).toMatch(/1 request per minute/);
    await shot(page, "12b-rate-limits");
    const aguiaCall = () =>
      fetch(`${app.url}/api/trpc/gateway.complete`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${world.instanceKey}` },
        body: JSON.stringify({ json: { provider: "anthropic", request: { model: world.models.sonnet, max_tokens: 50, messages: [{ role: "user", content: "oi" }] }, context: { agentId: "aguia", callId: `e2e-${Date.now()}-${Math.random()}` } } }),
      });
    expect((await aguiaCall()).status).not.toBe(429);
    expect((await aguiaCall()).status).toBe(429);
  });

  it("records who changed what in the audit log", async () => {
    await page.goto(`${app.url}${t()}/audit`);
    // Actions read as plain words; the technical name stays in the hover.
    await page.getByText("Agent changed").first().waitFor();
    await page.getByText("Published change rolled back").first().waitFor();
    expect(await page.getByText("Agent changed").first().getAttribute("title")).toBe("agent.update");
    await shot(page, "10-audit");
  });

  it("every page fits a phone and a desktop without sideways scrolling", async () => {
    const pages = ["", "/agents", `/agents/${world.lobo.id}`, "/agents/new", "/groups", "/bindings", "/budgets", "/alerts", "/usage", "/billing", "/instances", `/instances/${world.instance.id}`, "/members", "/audit"];
    const nameOf = (path: string) => (path || "/overview").slice(1).replace(world.lobo.id, "lobo").replace(world.instance.id, "detail").replace(/\//g, "-");
    const overflowing: string[] = [];
    for (const [width, height, suffix] of [[1280, 900, "desktop"], [390, 844, "phone"]] as const) {
      await page.setViewportSize({ width, height });
      for (const path of pages) {
        await page.goto(`${app.url}${t()}${path}`);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (wide > 0) overflowing.push(`${path || "/"} at ${width}px is ${wide}px too wide`);
        await shot(page, `all-${nameOf(path)}-${suffix}`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(overflowing).toEqual([]);
  });
});

describe("outside demo mode", () => {
  it("has no demo owner sign-in and no dev inbox", async () => {
    expect((await fetch(`${app.url}/api/demo/sign-in`, { method: "POST", redirect: "manual" })).status).toBe(404);
    expect((await fetch(`${app.url}/dev/inbox`)).status).toBe(404);
    const signin = await (await fetch(`${app.url}/signin`)).text();
    expect(signin).not.toContain("demo owner");
  });

  it("serves the plugin-facing gateway router from the same /api/trpc endpoint, keyed by instance key", async () => {
    const res = await fetch(`${app.url}/api/trpc/gateway.preflight`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer not-a-real-key" },
      body: JSON.stringify({ json: { context: { agentId: "lobo" }, model: "claude-sonnet-4-5" } }),
    });
    expect(res.status).toBe(401);
  });
});

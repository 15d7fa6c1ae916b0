/** The platform operator's upstream-account page: lists the pool by name and hint, never the credential. */
import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret, parseEncryptionKey } from "@baas/db";
import { startApp, type AppServer } from "./support/app-server";
import { launchBrowser, shot } from "./support/browser";
import { testDb } from "./support/fixtures";

const db = testDb();
const tag = randomBytes(4).toString("hex");
const credential = `sk-ant-e2e-${randomBytes(12).toString("hex")}-WXYZ`;
const accountName = `[op-${tag}] Max e2e`;
const key = process.env.BAAS_ENCRYPTION_KEY ?? randomBytes(32).toString("base64");
const tierName = `[op-${tag}] Pro`;
const models = { sonnet: `op-sonnet-${tag}`, opus: `op-opus-${tag}` };
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  await db.user.create({ data: { email: `operator-${tag}@e2e.test`, name: "E2E Operator", platformRole: "OPERATOR" } });
  // DISABLED so no engine sharing this database ever tries the fake credential.
  await db.upstreamAccount.create({ data: { name: accountName, provider: "ANTHROPIC", kind: "MAX_SUBSCRIPTION", credentialCiphertext: encryptSecret(credential, parseEncryptionKey(key)), credentialHint: "…WXYZ", status: "DISABLED", disabledReason: "e2e fixture", priority: 7 } });
  for (const model of Object.values(models)) {
    await db.modelPrice.create({ data: { provider: "ANTHROPIC", model, displayName: `Op ${model}`, inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75, effectiveFrom: new Date(Date.now() - 86_400_000) } });
  }
  await db.tenant.create({ data: { slug: `op-${tag}`, name: `Op tenant ${tag}` } });
  await db.tier.create({ data: { key: `op-${tag}`, name: tierName, priceMonthlyMinor: 9900, defaultModel: models.sonnet, allowedModels: [models.sonnet], maxGroups: 5 } });
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL!, AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-auth-secret-0123456789", BAAS_ENCRYPTION_KEY: key, BAAS_DEMO_MODE: "true", RESEND_API_KEY: "" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db.upstreamAccount.deleteMany({ where: { name: accountName } });
  await db.tenant.deleteMany({ where: { slug: `op-${tag}` } });
  await db.tier.deleteMany({ where: { name: { startsWith: tierName } } });
  await db.modelPrice.deleteMany({ where: { model: { in: Object.values(models) } } });
});

describe("operator pages", () => {
  it("an operator signs in and sees the account by name and hint, never the credential", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    const email = `operator-${tag}@e2e.test`;
    await page.goto(`${app.url}/signin?callbackUrl=${encodeURIComponent("/operator/accounts")}`);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByRole("link", { name: "Open the dev inbox" }).click();
    await page.getByText(`to ${email}`).first().waitFor();
    await page.getByRole("link", { name: "Open the link" }).first().click();
    await page.getByRole("heading", { name: "Upstream accounts" }).waitFor();
    await page.getByLabel("Filter accounts").fill(`[op-${tag}]`);
    const row = page.getByTestId(`account-${accountName}`);
    await row.waitFor();
    expect(await row.textContent()).toContain("…WXYZ");
    expect(await page.getByLabel(`Priority of ${accountName}`).inputValue()).toBe("7");
    await page.getByRole("link", { name: "Sign out" }).waitFor();
    await shot(page, "30-operator-accounts");
    const html = await page.content();
    const row0 = await db.upstreamAccount.findUniqueOrThrow({ where: { name: accountName } });
    expect(html).not.toContain(credential);
    expect(html).not.toContain(row0.credentialCiphertext);
    // A subscription is off until the operator accepts its terms in the dialog.
    expect(await row.textContent()).toContain("Off: subscription terms not accepted");
    await row.getByRole("button", { name: "Use subscription…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Anthropic's terms").waitFor();
    const turnOn = dialog.getByRole("button", { name: "Turn on" });
    expect(await turnOn.isDisabled()).toBe(true);
    await shot(page, "32-operator-subscription-terms");
    await dialog.getByLabel("I have read this and accept it for this account").check();
    await turnOn.click();
    await row.getByRole("button", { name: "Stop using subscription" }).waitFor();
    const accepted = await db.upstreamAccount.findUniqueOrThrow({ where: { name: accountName } });
    expect(accepted.subscriptionTermsAcceptedAt).toBeInstanceOf(Date);
    expect(await db.auditLog.count({ where: { entityId: accepted.id, action: "upstreamAccount.subscriptionOn" } })).toBe(1);
    await page.getByRole("link", { name: "Tiers" }).click();
    await page.getByRole("heading", { name: "Tiers" }).waitFor();
    const form = page.getByRole("form", { name: `Edit tier ${tierName}` });
    await form.getByLabel("Default model").selectOption(models.opus);
    await form.getByText("The default model must be one of the allowed models").waitFor();
    await form.getByLabel(`Op ${models.opus}`).check();
    await form.getByLabel("Max groups").fill("");
    await form.getByRole("button", { name: "Save tier" }).click();
    await form.getByText(`Saved ${tierName}.`).waitFor();
    await shot(page, "31-operator-tiers");
    expect(await db.tier.findFirstOrThrow({ where: { name: tierName } })).toMatchObject({ defaultModel: models.opus, allowedModels: expect.arrayContaining([models.sonnet, models.opus]), maxGroups: null });

    // A new tier, refused field by field until it is valid (this server has no Stripe: nothing to sell it on).
    await page.getByRole("button", { name: "New tier" }).click();
    const create = page.getByRole("form", { name: "New tier" });
    await create.getByLabel("Key").fill("Bad Key");
    await create.getByLabel("Name").fill(`${tierName} Plus`);
    await create.getByLabel("Default model").selectOption(models.sonnet);
    await create.getByLabel(`Op ${models.sonnet}`).check();
    await create.getByRole("button", { name: "Create tier" }).click();
    await create.getByText(/key must be 2-32 lowercase letters/).waitFor();
    await create.getByLabel("Key").fill(`op-${tag}-plus`);
    await create.getByRole("button", { name: "Create tier" }).click();
    await page.getByRole("form", { name: `Edit tier ${tierName} Plus` }).waitFor();
    expect(await db.tier.findUniqueOrThrow({ where: { key: `op-${tag}-plus` } })).toMatchObject({ allowedModels: [models.sonnet], priceMonthlyMinor: 0 });

    // A workspace put on the new tier without Stripe, audited with the operator's reason.
    const setForm = page.getByRole("form", { name: "Set a workspace's plan" });
    await setForm.getByLabel("Workspace").selectOption({ label: `Op tenant ${tag} (op-${tag})` });
    await setForm.getByLabel("Plan").selectOption(`op-${tag}-plus`);
    await setForm.getByLabel("Reason (in the audit log)").fill("pilot");
    await setForm.getByRole("button", { name: "Set plan" }).click();
    await setForm.getByText(`Moved to ${tierName} Plus.`).waitFor();
    await shot(page, "32-operator-tiers-create");
    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: `op-${tag}` }, include: { subscription: { include: { tier: true } } } });
    expect(tenant.subscription?.tier.key).toBe(`op-${tag}-plus`);
    expect(await db.auditLog.findFirst({ where: { tenantId: tenant.id, action: "billing.tier_change" } })).toMatchObject({ after: expect.objectContaining({ cause: "operator: pilot" }) });
    await ctx.close();
  });
});

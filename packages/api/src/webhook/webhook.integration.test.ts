import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@baas/db";
import { createAlertNotifier } from "../alert/alert-notifier";
import { callerFor, codeOf, rid, seedModels, seedTenant, testDb } from "../lib-app/app-test-fixtures";
import type { DeliveryResult } from "./deliver";
import { SIGNATURE_HEADER, verifySignature } from "./signature";

let db: Db;
let models: Awaited<ReturnType<typeof seedModels>>;
const key = randomBytes(32);

/** A receiver on loopback that answers the given statuses in turn (the last one from then on). */
async function receiver(statuses: number[]) {
  const got: { body: string; signature: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      got.push({ body, signature: String(req.headers[SIGNATURE_HEADER]) });
      res.statusCode = statuses[Math.min(got.length - 1, statuses.length - 1)]!;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/hook`, got, close: () => new Promise<void>((r) => server.close(() => r())) };
}

beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, rid());
});

describe("alert webhook", () => {
  it("an admin sets it (the secret shown once, stored encrypted), reads it back and removes it; bad URLs are refused by name", async () => {
    const f = await seedTenant(db, models);
    const tenantId = f.tenant.id;
    const admin = callerFor(db, f.users.ADMIN, undefined, { encryptionKey: key });
    const { secret } = await admin.webhook.set({ tenantId, url: "https://hooks.example.com/baas" });
    expect(secret).toMatch(/^whsec_/);
    expect(await admin.webhook.get({ tenantId })).toEqual({ url: "https://hooks.example.com/baas" });
    const row = await db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(row.alertWebhookSecret).not.toContain(secret.slice(6));
    for (const [url, message] of [
      ["http://hooks.example.com/x", "url: URL must use https"],
      ["https://user:pw@hooks.example.com/x", "url: URL must not contain a user name or password"],
      ["http://127.0.0.1:6379/", "url: URL must not point at this server (loopback)"],
      ["not a url", "url: URL must be a full URL such as https://example.com/hooks/baas"],
    ]) {
      await expect(admin.webhook.set({ tenantId, url: url! })).rejects.toThrow(message);
    }
    expect((await db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).alertWebhookSecret).toBe(row.alertWebhookSecret);
    expect(await codeOf(callerFor(db, f.users.ADMIN).webhook.set({ tenantId, url: "https://hooks.example.com/baas" }))).toBe("PRECONDITION_FAILED");
    await admin.webhook.clear({ tenantId });
    expect(await admin.webhook.get({ tenantId })).toEqual({ url: null });
  });

  it("delivers a budget alert signed with the tenant's secret, retrying 5xx with backoff, not 4xx", async () => {
    const f = await seedTenant(db, models);
    const tenantId = f.tenant.id;
    const admin = callerFor(db, f.users.ADMIN, undefined, { encryptionKey: key, webhookAllowLoopback: true });
    const flaky = await receiver([503, 502, 200]);
    const { secret } = await admin.webhook.set({ tenantId, url: flaky.url });
    const waited: number[] = [];
    let done!: (r: DeliveryResult) => void;
    const result = new Promise<DeliveryResult>((r) => (done = r));
    const notifier = createAlertNotifier({ db, appUrl: "https://baas.example", send: async () => undefined, webhook: { encryptionKey: key, allowLoopback: true, sleep: async (ms) => void waited.push(ms), onResult: (_t, r) => done(r) } });
    const budget = { name: "Team", scope: "TENANT" as const, period: "MONTHLY" as const, action: "BLOCK" as const, currency: "BRL", usedMoney: 80_000_000, limitMoney: 100_000_000, usedTokens: 0, limitTokens: null, usedMessages: 0, limitMessages: null, periodEnd: new Date().toISOString() };
    await notifier.notify({ alertId: "a1", kind: "BUDGET_THRESHOLD", severity: "WARNING", tenantId, thresholdPct: 80, periodKey: "M2026-12", message: "80 %", budget });
    expect(await result).toMatchObject({ ok: true, attempts: 3, status: 200 });
    expect(waited).toEqual([2_000, 10_000]);
    for (const g of flaky.got) expect(verifySignature(secret, g.body, g.signature)).toBe(true);
    expect(verifySignature("whsec_wrong", flaky.got[0]!.body, flaky.got[0]!.signature)).toBe(false);
    expect(JSON.parse(flaky.got[2]!.body)).toMatchObject({ type: "alert", id: "a1", kind: "BUDGET_THRESHOLD", tenantId, thresholdPct: 80, budget: { usedMoney: 80_000_000 } });
    await flaky.close();

    const refusing = await receiver([400]);
    await admin.webhook.set({ tenantId, url: refusing.url });
    const second = new Promise<DeliveryResult>((r) => (done = r));
    await notifier.notify({ alertId: "a2", kind: "BUDGET_THRESHOLD", severity: "CRITICAL", tenantId, thresholdPct: 100, periodKey: "M2026-12", message: "100 %", budget });
    expect(await second).toMatchObject({ ok: false, attempts: 1, status: 400 });
    await refusing.close();
  });
});

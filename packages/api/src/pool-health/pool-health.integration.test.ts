import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@baas/db";
import { insertEvents } from "../analytics/analytics-fixtures";
import { callerFor, codeOf, rid, seedModels, seedTenant, testDb } from "../lib-app/app-test-fixtures";

let db: Db;
let models: Awaited<ReturnType<typeof seedModels>>;
beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, rid());
});

describe("operator pool health", () => {
  it("shows each account's status, windows, what it served today and its last error, to operators only", async () => {
    const f = await seedTenant(db, models);
    const tag = rid();
    const max = await db.upstreamAccount.create({ data: { name: `[ph-${tag}] Max`, provider: "ANTHROPIC", kind: "MAX_SUBSCRIPTION", credentialCiphertext: "secret-ciphertext", credentialHint: "…AAAA", subscriptionTermsAcceptedAt: null, window5hUtilization: 0.42, window5hResetAt: new Date(Date.now() + 3_600_000), window7dUtilization: 0.9 } });
    const off = await db.upstreamAccount.create({ data: { name: `[ph-${tag}] Off`, provider: "ANTHROPIC", kind: "API_KEY", credentialCiphertext: "x", credentialHint: "…BBBB", status: "DISABLED", disabledReason: "401 from provider" } });
    const now = new Date();
    // Noon UTC today, so the tenant-local day of the roll-up is today's UTC date as well.
    const at = new Date(`${now.toISOString().slice(0, 10)}T12:00:00Z`);
    await insertEvents(db, f.tenant.id, [
      { model: models.sonnet, upstreamAccountId: max.id, fallbackPath: ["x", max.name], costListUsdMicros: 3_000, occurredAt: at },
      { model: models.sonnet, upstreamAccountId: max.id, status: "ERROR", errorCode: "529", occurredAt: new Date(now.getTime() - 60_000) },
    ]);
    const operator = await db.user.create({ data: { email: `op-${tag}@example.test`, platformRole: "OPERATOR" } });
    const rows = await callerFor(db, { id: operator.id, email: operator.email, platformRole: "OPERATOR" }).operator.poolHealth();
    const mine = rows.filter((r) => r.name.startsWith(`[ph-${tag}]`));
    expect(mine.find((r) => r.id === max.id)).toMatchObject({ status: "ACTIVE", window5hUtilization: 0.42, window7dUtilization: 0.9, lastError: { code: "529", model: models.sonnet } });
    expect(mine.find((r) => r.id === off.id)).toMatchObject({ status: "DISABLED", disabledReason: "401 from provider", today: { calls: 0 }, lastError: null });
    const served = await db.usageDailyRoute.aggregate({ where: { accountKey: max.id, day: new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`) }, _sum: { calls: true } });
    expect(mine.find((r) => r.id === max.id)!.today.calls).toBe(served._sum.calls);
    expect(JSON.stringify(rows)).not.toContain("secret-ciphertext");
    expect(await codeOf(callerFor(db, f.users.OWNER).operator.poolHealth())).toBe("FORBIDDEN");
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@baas/db";
import { callerFor, codeOf, rid, seedModels, seedTenant, testDb } from "../lib-app/app-test-fixtures";

let db: Db;
let models: Awaited<ReturnType<typeof seedModels>>;
beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, rid());
});

const alert = (tenantId: string, kind: "HOLD_EXCEEDED" | "BUDGET_THRESHOLD", message: string, ageMs: number) => ({
  tenantId, kind, message, severity: "WARNING" as const, dedupeKey: `t:${rid()}`, createdAt: new Date(Date.now() - ageMs),
});

describe("alerts", () => {
  it("lists open alerts newest first, filters by kind, and an admin acknowledges them (once, with who and when)", async () => {
    const f = await seedTenant(db, models);
    const tenantId = f.tenant.id;
    await db.alert.createMany({ data: [alert(tenantId, "HOLD_EXCEEDED", "a", 3_000), alert(tenantId, "BUDGET_THRESHOLD", "b", 2_000), alert(tenantId, "HOLD_EXCEEDED", "c", 1_000)] });
    const viewer = callerFor(db, f.users.VIEWER);
    expect((await viewer.alert.list({ tenantId })).map((a) => a.message)).toEqual(["c", "b", "a"]);
    expect((await viewer.alert.list({ tenantId, kind: "HOLD_EXCEEDED" })).map((a) => a.message)).toEqual(["c", "a"]);
    expect(await viewer.alert.openCount({ tenantId })).toBe(3);
    expect(await codeOf(viewer.alert.acknowledge({ tenantId, alertIds: [(await viewer.alert.list({ tenantId }))[0]!.id] }))).toBe("FORBIDDEN");

    const admin = callerFor(db, f.users.ADMIN);
    const [c, b] = await admin.alert.list({ tenantId });
    expect(await admin.alert.acknowledge({ tenantId, alertIds: [c!.id, b!.id] })).toEqual({ acknowledged: 2 });
    expect(await admin.alert.acknowledge({ tenantId, alertIds: [c!.id] })).toEqual({ acknowledged: 0 });
    expect(await viewer.alert.openCount({ tenantId })).toBe(1);
    const acked = await viewer.alert.list({ tenantId, status: "acknowledged" });
    expect(acked.map((a) => [a.message, a.acknowledgedByEmail])).toEqual([["c", f.users.ADMIN.email], ["b", f.users.ADMIN.email]]);
    expect((await viewer.alert.list({ tenantId, status: "all" })).length).toBe(3);
  });

  it("another tenant's alert cannot be acknowledged or seen, and acknowledging a mix changes nothing", async () => {
    const f = await seedTenant(db, models);
    const other = await seedTenant(db, models);
    const theirs = await db.alert.create({ data: alert(other.tenant.id, "HOLD_EXCEEDED", "theirs", 0) });
    const mine = await db.alert.create({ data: alert(f.tenant.id, "HOLD_EXCEEDED", "mine", 0) });
    const admin = callerFor(db, f.users.ADMIN);
    expect(await codeOf(admin.alert.acknowledge({ tenantId: f.tenant.id, alertIds: [theirs.id] }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.alert.acknowledge({ tenantId: f.tenant.id, alertIds: [mine.id, theirs.id] }))).toBe("NOT_FOUND");
    expect(await db.alert.count({ where: { id: { in: [mine.id, theirs.id] }, acknowledgedAt: { not: null } } })).toBe(0);
    expect((await admin.alert.list({ tenantId: f.tenant.id, status: "all" })).map((a) => a.message)).toEqual(["mine"]);
  });
});

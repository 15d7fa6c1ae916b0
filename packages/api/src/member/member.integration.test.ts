/** Owner invariants under concurrency: two owners demoting or removing each other at once. */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@baas/db";
import { callerFor, codeOf, seedModels, seedTenant, testDb, rid } from "../lib-app/app-test-fixtures";

let db: Db;
let models: Awaited<ReturnType<typeof seedModels>>;

beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, `mem-${rid()}`);
});

async function twoOwners() {
  const f = await seedTenant(db, models);
  // The ADMIN becomes a second owner: now OWNER and second each hold the role.
  await db.membership.update({ where: { id: f.users.ADMIN.membershipId }, data: { role: "OWNER" } });
  return { f, a: f.users.OWNER, b: f.users.ADMIN };
}

const owners = (tenantId: string) => db.membership.count({ where: { tenantId, role: "OWNER" } });

describe("the last owner never disappears", () => {
  it("two owners demoting each other at once leave exactly one owner, every round", async () => {
    for (let round = 0; round < 10; round++) {
      const { f, a, b } = await twoOwners();
      const codes = await Promise.all([
        codeOf(callerFor(db, a).member.changeRole({ tenantId: f.tenant.id, membershipId: b.membershipId, role: "MEMBER" })),
        codeOf(callerFor(db, b).member.changeRole({ tenantId: f.tenant.id, membershipId: a.membershipId, role: "MEMBER" })),
      ]);
      expect(await owners(f.tenant.id)).toBe(1);
      // The loser is refused either as no longer an owner or as the last owner: never both succeed.
      expect(codes.filter((c) => c === "OK")).toHaveLength(1);
      expect(codes.filter((c) => c !== "OK").every((c) => c === "FORBIDDEN" || c === "PRECONDITION_FAILED")).toBe(true);
    }
  });

  it("two owners removing each other at once leave exactly one owner", async () => {
    for (let round = 0; round < 5; round++) {
      const { f, a, b } = await twoOwners();
      await Promise.all([
        codeOf(callerFor(db, a).member.remove({ tenantId: f.tenant.id, membershipId: b.membershipId })),
        codeOf(callerFor(db, b).member.remove({ tenantId: f.tenant.id, membershipId: a.membershipId })),
      ]);
      expect(await owners(f.tenant.id)).toBe(1);
    }
  });

  it("a sole owner can neither demote nor remove themself", async () => {
    const f = await seedTenant(db, models);
    const me = f.users.OWNER;
    expect(await codeOf(callerFor(db, me).member.changeRole({ tenantId: f.tenant.id, membershipId: me.membershipId, role: "ADMIN" }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(callerFor(db, me).member.remove({ tenantId: f.tenant.id, membershipId: me.membershipId }))).toBe("PRECONDITION_FAILED");
    expect(await owners(f.tenant.id)).toBe(1);
  });
});

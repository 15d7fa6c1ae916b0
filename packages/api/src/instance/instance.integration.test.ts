import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@baas/db";
import { createCaller } from "../root";
import { createTRPCContext } from "../context";
import { hashInstanceKey } from "../trpc";

const db = getDb(process.env.DATABASE_URL!);
const slug = `inst-${randomBytes(5).toString("hex")}`;
const key = `bk_${randomBytes(16).toString("hex")}`;
let tenantId = "";
let instanceId = "";

function caller(k = key) {
  return createCaller(
    createTRPCContext({ services: { db } as never, headers: new Headers({ authorization: `Bearer ${k}` }), user: null }),
  );
}

beforeAll(async () => {
  const tenant = await db.tenant.create({ data: { slug, name: "Instance test" } });
  tenantId = tenant.id;
  const inst = await db.instance.create({
    data: { tenantId, name: "vm-1", keyHash: hashInstanceKey(key), keyPrefix: key.slice(0, 8) },
  });
  instanceId = inst.id;
});
afterAll(async () => {
  await db.tenant.delete({ where: { id: tenantId } });
});

describe("instance procedures", () => {
  it("rejects an unknown instance key", async () => {
    await expect(caller("bk_nope").instance.heartbeat({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("a revoked key stops working on the very next call, whichever process revoked it", async () => {
    const k = `bk_${randomBytes(16).toString("hex")}`;
    const inst = await db.instance.create({ data: { tenantId, name: "vm-revoked", keyHash: hashInstanceKey(k), keyPrefix: k.slice(0, 8) } });
    await caller(k).instance.heartbeat({});
    // Another process revokes it: nothing in this one is told.
    await db.instance.update({ where: { id: inst.id }, data: { revokedAt: new Date() } });
    await expect(caller(k).instance.heartbeat({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("heartbeat marks the bot online with its versions", async () => {
    await caller().instance.heartbeat({ hostVersion: "2026.9.6", pluginVersion: "0.1.0", uptimeSec: 42, lastError: null });
    const row = await db.instance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(row.hostVersion).toBe("2026.9.6");
    expect(row.pluginVersion).toBe("0.1.0");
    expect(row.uptimeSec).toBe(42);
    expect(row.lastSeenAt).toBeInstanceOf(Date);
  });

  it("inventory creates agents and groups but never overwrites an admin's names", async () => {
    await caller().instance.reportInventory({
      agents: [{ externalId: "lobo", name: "Lobo", emoji: "🐺" }],
      channels: [{ provider: "whatsapp", peerKind: "group", externalId: "1203@g.us", name: "Family" }],
    });
    await db.agent.update({ where: { tenantId_externalId: { tenantId, externalId: "lobo" } }, data: { name: "Wolf (admin)" } });
    await db.channel.updateMany({ where: { tenantId, externalId: "1203@g.us" }, data: { name: "Admin name" } });
    await caller().instance.reportInventory({
      agents: [{ externalId: "lobo", name: "Lobo v2", emoji: "🦊" }],
      channels: [{ provider: "whatsapp", peerKind: "group", externalId: "1203@g.us", name: "Host name" }],
    });
    const agent = await db.agent.findUniqueOrThrow({ where: { tenantId_externalId: { tenantId, externalId: "lobo" } } });
    expect(agent).toMatchObject({ name: "Wolf (admin)", emoji: "🐺", instanceId });
    const channel = await db.channel.findFirstOrThrow({ where: { tenantId, externalId: "1203@g.us" } });
    expect(channel).toMatchObject({ name: "Admin name", peerKind: "GROUP" });
  });

  it("serves the newest non-superseded revision, acks it applied, then long-polls unchanged", async () => {
    await db.configRevision.create({ data: { tenantId, instanceId, version: 1, config: { a: 1 }, hash: "h1", status: "SUPERSEDED" } });
    const r2 = await db.configRevision.create({ data: { tenantId, instanceId, version: 2, config: { a: 2 }, hash: "h2" } });
    const pulled = await caller().instance.pullConfig({});
    expect(pulled).toMatchObject({ changed: true, revision: { id: r2.id, hash: "h2", config: { a: 2 } } });
    await caller().instance.ackConfig({ revisionId: r2.id, status: "applied", hostHash: "host-abc" });
    const inst = await db.instance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(inst).toMatchObject({ appliedRevisionId: r2.id, appliedHostHash: "host-abc" });
    const again = await caller().instance.pullConfig({ knownHash: "h2", waitMs: 1500 });
    expect(again.changed).toBe(false);
    const audit = await db.auditLog.findFirst({ where: { tenantId, action: "config.applied", entityId: r2.id } });
    expect(audit?.actorKind).toBe("instance");
  });

  it("records a failed revision with its error and keeps the applied one", async () => {
    const r3 = await db.configRevision.create({ data: { tenantId, instanceId, version: 3, config: { bad: true }, hash: "h3" } });
    await caller().instance.ackConfig({ revisionId: r3.id, status: "failed", error: "agents.x: unknown agent" });
    const rev = await db.configRevision.findUniqueOrThrow({ where: { id: r3.id } });
    expect(rev).toMatchObject({ status: "FAILED", error: "agents.x: unknown agent" });
    const inst = await db.instance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(inst.appliedRevisionId).not.toBe(r3.id);
    expect(inst.lastError).toContain("unknown agent");
    expect(await db.auditLog.count({ where: { tenantId, action: "config.failed", entityId: r3.id } })).toBe(1);
  });

  it("refuses to ack another instance's revision", async () => {
    await expect(caller().instance.ackConfig({ revisionId: "nope", status: "applied" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

/** operator.*: the shared upstream account pool and the tiers, as a platform operator and as a tenant owner who is not one. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret, parseEncryptionKey, type Db } from "@baas/db";
import { createTRPCContext, type SessionUser } from "../context";
import { rid, seedModels, seedTenant, testDb, codeOf } from "../lib-app/app-test-fixtures";
import { appRouter, createCaller } from "../root";

const tag = `[op-${rid()}]`;
let db: Db;
let key: Buffer;
let operator: SessionUser;
let owner: SessionUser;
let models: Awaited<ReturnType<typeof seedModels>>;

const callerAs = (user: SessionUser, opts: { withKey: boolean } = { withKey: true }) =>
  createCaller(createTRPCContext({ services: { db, encryptionKey: opts.withKey ? key : undefined }, headers: new Headers(), user }));


async function seedTier() {
  return db.tier.create({ data: { key: `tier-${rid()}`, name: `${tag} Pro`, priceMonthlyMinor: 9900, defaultModel: models.sonnet, allowedModels: [models.sonnet, models.haiku], monthlyMessages: 1000, maxGroups: 5, maxAgents: 2 } });
}

beforeAll(async () => {
  db = testDb();
  const encoded = process.env.BAAS_ENCRYPTION_KEY;
  if (!encoded) throw new Error("BAAS_ENCRYPTION_KEY is not set: run through scripts/with-test-env.ts");
  key = parseEncryptionKey(encoded);
  models = await seedModels(db, rid());
  const op = await db.user.create({ data: { email: `op-${rid()}@example.test`, platformRole: "OPERATOR" } });
  operator = { id: op.id, email: op.email, name: null, platformRole: "OPERATOR" };
  owner = (await seedTenant(db, models)).users.OWNER;
});

const usageTenants: string[] = [];

afterAll(async () => {
  await db.tenant.deleteMany({ where: { id: { in: usageTenants } } });
  await db.upstreamAccount.deleteMany({ where: { name: { startsWith: tag } } });
  await db.tier.deleteMany({ where: { name: { startsWith: tag } } });
});

describe("operator upstream accounts", () => {
  it("creates, lists, disables and re-keys an account without ever returning the credential", async () => {
    const api = callerAs(operator);
    const first = `sk-ant-first-${rid()}-AAAA`;
    const second = `sk-ant-second-${rid()}-BBBB`;
    const outputs: unknown[] = [];
    const created = await api.operator.createAccount({ name: `${tag} Max #1`, provider: "ANTHROPIC", kind: "MAX_SUBSCRIPTION", credential: first, priority: 10 });
    outputs.push(created);
    expect(created).toMatchObject({ status: "ACTIVE", credentialHint: "…AAAA", priority: 10, calls24h: 0 });

    const listed = await api.operator.accounts();
    outputs.push(listed);
    expect(listed.find((a) => a.id === created.id)).toMatchObject({ name: `${tag} Max #1`, provider: "ANTHROPIC", kind: "MAX_SUBSCRIPTION" });

    outputs.push(await api.operator.setAccountPriority({ accountId: created.id, priority: 3 }));
    const disabled = await api.operator.setAccountEnabled({ accountId: created.id, enabled: false, reason: "rotating" });
    outputs.push(disabled);
    expect(disabled).toMatchObject({ status: "DISABLED", disabledReason: "rotating", priority: 3 });

    const rekeyed = await api.operator.replaceAccountCredential({ accountId: created.id, credential: second });
    outputs.push(rekeyed, await api.operator.accounts());
    expect(rekeyed.credentialHint).toBe("…BBBB");

    const row = await db.upstreamAccount.findUniqueOrThrow({ where: { id: created.id } });
    expect(decryptSecret(row.credentialCiphertext, key)).toBe(second);
    const seen = JSON.stringify(outputs);
    for (const secret of [first, second, row.credentialCiphertext]) expect(seen).not.toContain(secret);

    const audit = await db.auditLog.findMany({ where: { entityId: created.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["upstreamAccount.create", "upstreamAccount.priority", "upstreamAccount.disable", "upstreamAccount.rekey"]);
    expect(audit.every((a) => a.tenantId === null && a.actorUserId === operator.id && a.actorKind === "user")).toBe(true);
    const auditText = JSON.stringify(audit);
    for (const secret of [first, second, row.credentialCiphertext]) expect(auditText).not.toContain(secret);
  });

  it("turns a subscription on only with its terms accepted, on record, and drops the gateway's copy of the pool each time", async () => {
    let dropped = 0;
    const gateway = { invalidateAccounts: () => (dropped += 1), invalidate: () => undefined } as never;
    const api = createCaller(createTRPCContext({ services: { db, encryptionKey: key, gateway }, headers: new Headers(), user: operator }));
    const max = await api.operator.createAccount({ name: `${tag} Max ${rid()}`, provider: "ANTHROPIC", kind: "MAX_SUBSCRIPTION", credential: `sk-ant-oat-${rid()}` });
    expect(max.subscriptionTermsAcceptedAt).toBeNull();
    expect(await codeOf(api.operator.setSubscriptionUse({ accountId: max.id, use: true } as never))).toBe("BAD_REQUEST");
    expect(await codeOf(api.operator.setSubscriptionUse({ accountId: max.id, use: true, acceptTerms: false } as never))).toBe("BAD_REQUEST");
    expect((await db.upstreamAccount.findUniqueOrThrow({ where: { id: max.id } })).subscriptionTermsAcceptedAt).toBeNull();
    const on = await api.operator.setSubscriptionUse({ accountId: max.id, use: true, acceptTerms: true });
    expect(on.subscriptionTermsAcceptedAt).toBeInstanceOf(Date);
    expect(await api.operator.subscriptionTerms()).toMatch(/Anthropic/);
    const off = await api.operator.setSubscriptionUse({ accountId: max.id, use: false });
    expect(off.subscriptionTermsAcceptedAt).toBeNull();
    expect(dropped).toBe(3);
    const audit = await db.auditLog.findMany({ where: { entityId: max.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["upstreamAccount.create", "upstreamAccount.subscriptionOn", "upstreamAccount.subscriptionOff"]);
    expect(JSON.stringify(audit[1]!.after)).toContain("Anthropic's terms");
    const apiKey = await api.operator.createAccount({ name: `${tag} Key ${rid()}`, provider: "ANTHROPIC", kind: "API_KEY", credential: `sk-ant-api-${rid()}` });
    expect(await codeOf(api.operator.setSubscriptionUse({ accountId: apiKey.id, use: true, acceptTerms: true }))).toBe("BAD_REQUEST");
    expect(await codeOf(callerAs(owner).operator.setSubscriptionUse({ accountId: max.id, use: true, acceptTerms: true }))).toBe("FORBIDDEN");
  });

  it("counts the last 24 h of calls per account", async () => {
    const a = await callerAs(operator).operator.createAccount({ name: `${tag} Key ${rid()}`, provider: "OPENAI", kind: "API_KEY", credential: `sk-openai-${rid()}` });
    const tenant = await db.tenant.create({ data: { slug: `op-${rid()}`, name: `${tag} usage` } });
    usageTenants.push(tenant.id);
    const base = { tenantId: tenant.id, upstreamAccountId: a.id, provider: "OPENAI" as const, model: models.haiku };
    await db.usageEvent.createMany({ data: [
      { ...base, idempotencyKey: `op-${rid()}` },
      { ...base, idempotencyKey: `op-${rid()}` },
      { ...base, idempotencyKey: `op-${rid()}`, occurredAt: new Date(Date.now() - 2 * 86_400_000) },
    ] });
    const listed = await callerAs(operator).operator.accounts();
    expect(listed.find((x) => x.id === a.id)?.calls24h).toBe(2);
  });

  it("refuses to store a credential when the server has no encryption key", async () => {
    const api = callerAs(operator, { withKey: false });
    await expect(api.operator.createAccount({ name: `${tag} nokey`, provider: "ANTHROPIC", kind: "API_KEY", credential: "sk-ant-nokey-1234" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("BAAS_ENCRYPTION_KEY") });
    expect(await db.upstreamAccount.count({ where: { name: `${tag} nokey` } })).toBe(0);
  });

  it("a tenant owner who is not an operator gets FORBIDDEN on every operator procedure and nothing changes", async () => {
    const a = await callerAs(operator).operator.createAccount({ name: `${tag} guarded ${rid()}`, provider: "ANTHROPIC", kind: "API_KEY", credential: `sk-ant-guard-${rid()}` });
    const tier = await seedTier();
    const snapshot = async () => JSON.stringify([await db.upstreamAccount.findMany({ where: { name: { startsWith: tag } }, orderBy: { id: "asc" } }), await db.tier.findUnique({ where: { id: tier.id } }), await db.auditLog.count({ where: { actorUserId: owner.id } })]);
    const before = await snapshot();
    const o = callerAs(owner).operator;
    const calls: Record<string, () => Promise<unknown>> = {
      accounts: () => o.accounts(),
      createAccount: () => o.createAccount({ name: `${tag} evil`, provider: "ANTHROPIC", kind: "API_KEY", credential: "sk-ant-evil-0000" }),
      setAccountPriority: () => o.setAccountPriority({ accountId: a.id, priority: 0 }),
      setAccountEnabled: () => o.setAccountEnabled({ accountId: a.id, enabled: false }),
      replaceAccountCredential: () => o.replaceAccountCredential({ accountId: a.id, credential: "sk-ant-evil-1111" }),
      subscriptionTerms: () => o.subscriptionTerms(),
      setSubscriptionUse: () => o.setSubscriptionUse({ accountId: a.id, use: true, acceptTerms: true }),
      tiers: () => o.tiers(),
      models: () => o.models(),
      poolHealth: () => o.poolHealth(),
      tenants: () => o.tenants(),
      updateTier: () => o.updateTier({ tierId: tier.id, priceMonthlyMinor: 0, defaultModel: models.haiku, allowedModels: [models.haiku], monthlyMessages: null, maxGroups: null, maxAgents: null }),
      setTenantTier: () => o.setTenantTier({ tenantId: owner.id, tierKey: "starter", reason: "evil" }),
      createTier: () => o.createTier({ key: `evil-${rid()}`.toLowerCase(), name: `${tag} evil`, currency: "BRL", priceMonthlyMinor: 0, defaultModel: models.haiku, allowedModels: [models.haiku], monthlyMessages: null, maxGroups: null, maxAgents: null }),
    };
    const routerKeys = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith("operator.")).map((p) => p.slice("operator.".length));
    expect(Object.keys(calls).sort()).toEqual(routerKeys.sort());
    const codes = Object.fromEntries(await Promise.all(Object.entries(calls).map(async ([k, f]) => [k, await codeOf(f())] as const)));
    expect(Object.values(codes).every((c) => c === "FORBIDDEN")).toBe(true);
    expect(await snapshot()).toBe(before);
  });
});

describe("operator tenants list", () => {
  it("lists every tenant with its plan, this month's spend in its currency and its bots online", async () => {
    const f = await seedTenant(db, models);
    usageTenants.push(f.tenant.id);
    const tier = await seedTier();
    await db.subscription.create({ data: { tenantId: f.tenant.id, tierId: tier.id, status: "PAST_DUE" } });
    const day = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 15));
    await db.usageDaily.create({ data: { tenantId: f.tenant.id, day, agentKey: f.lobo.id, channelKey: f.group.id, model: models.sonnet, calls: 3, costTenantMicros: 7_000_000n, costListUsdMicros: 1_400_000n } });
    const rows = await callerAs(operator).operator.tenants();
    const mine = rows.find((r) => r.id === f.tenant.id);
    expect(mine).toMatchObject({ name: f.tenant.name, currency: "BRL", plan: tier.name, subscription: "PAST_DUE", agents: 2, bots: { total: 1, online: 1 }, spendMicros: 7_000_000, spendListUsdMicros: 1_400_000, calls: 3 });
  });
});

describe("operator tiers", () => {
  it("edits price, models and limits (null = unlimited) and lists the result", async () => {
    const tier = await seedTier();
    const api = callerAs(operator);
    const updated = await api.operator.updateTier({ tierId: tier.id, priceMonthlyMinor: 14900, defaultModel: models.opus, allowedModels: [models.opus, models.sonnet], monthlyMessages: null, maxGroups: 20, maxAgents: null });
    expect(updated).toMatchObject({ priceMonthlyMinor: 14900, defaultModel: models.opus, monthlyMessages: null, maxGroups: 20, maxAgents: null });
    expect((await api.operator.tiers()).find((t) => t.id === tier.id)?.allowedModels).toEqual([models.opus, models.sonnet]);
    expect((await api.operator.models()).map((m) => m.model)).toEqual(expect.arrayContaining([models.opus, models.sonnet, models.haiku]));
  });

  it("rejects a defaultModel outside allowedModels, unknown models and negative numbers, naming the field, and changes nothing", async () => {
    const tier = await seedTier();
    const api = callerAs(operator);
    const valid = { tierId: tier.id, priceMonthlyMinor: 100, defaultModel: models.sonnet, allowedModels: [models.sonnet], monthlyMessages: 10, maxGroups: 1, maxAgents: 1 };
    await expect(api.operator.updateTier({ ...valid, defaultModel: models.opus })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("defaultModel") });
    await expect(api.operator.updateTier({ ...valid, allowedModels: [models.sonnet, `nope-${rid()}`] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("allowedModels") });
    await expect(api.operator.updateTier({ ...valid, maxGroups: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("maxGroups") });
    await expect(api.operator.updateTier({ ...valid, priceMonthlyMinor: -5 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("priceMonthlyMinor") });
    // Beyond the columns' range: a sentence naming the field, never the database's own error.
    for (const bad of [{ priceMonthlyMinor: 3_000_000_000 }, { monthlyMessages: 2 ** 31 }, { maxAgents: 1e12 }]) {
      const field = Object.keys(bad)[0]!;
      await expect(api.operator.updateTier({ ...valid, ...bad })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(field) });
    }
    const big = await api.operator.updateTier({ ...valid, priceMonthlyMinor: 3_000_000_000 }).catch((e: Error) => e.message);
    expect(String(big)).not.toMatch(/prisma|invocation|out of range/i);
    expect(await db.tier.findUnique({ where: { id: tier.id } })).toEqual(tier);
  });
});

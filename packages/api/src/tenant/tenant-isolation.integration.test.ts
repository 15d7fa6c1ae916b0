/**
 * Walks EVERY procedure of the app router (gateway.* / instance.* are instance-key procedures,
 * health.* is public) as a member of another tenant and as each role of the tenant, proving that
 * nothing leaks and nothing changes without the right role.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, Role, Tier } from "@baas/db";
import { localDay } from "@baas/gateway";
import type { SessionUser } from "../context";
import { ensureStarter, startBillingHarness, type BillingHarness } from "../billing/billing.harness";
import { createTRPCContext } from "../context";
import { appRouter, createCaller } from "../root";
import { publishRevisions } from "../config-revision/publish";
import { hashInviteToken } from "../invitation/invitation.service";
import { callerFor, captureMailer, rid, ROLES, seedModels, seedTenant, snapshotTenant, testDb, codeOf } from "../lib-app/app-test-fixtures";

type Fixture = Awaited<ReturnType<typeof seedFull>>;
type Sample = (f: Fixture, models: Models) => Record<string, unknown>;
type Models = Awaited<ReturnType<typeof seedModels>>;

const SKIPPED_PREFIXES = ["gateway.", "instance.", "health."];
/** Scoped to the caller themself, not to a tenant: checked separately below. */
const SELF_SCOPED = new Set(["tenant.mine", "invitation.accept"]);

const fields = (m: Models) => ({ name: "Renamed", emoji: "", avatarUrl: "", model: m.haiku, systemPrompt: "", skills: [] });
const budgetFields = {
  name: "Walk", scope: "AGENT", channelId: null, period: "DAILY", currency: "USD", limitMoney: 3, limitTokens: null, limitMessages: null,
  thresholds: [80, 100], action: "BLOCK", downgradeModel: null,
};
const TABLE: Record<string, { min: Role; input: Sample }> = {
  "tenant.get": { min: "VIEWER", input: () => ({}) },
  "tenant.updatePolicies": { min: "ADMIN", input: () => ({ dmPolicy: "OPEN" }) },
  "member.list": { min: "VIEWER", input: () => ({}) },
  "member.changeRole": { min: "ADMIN", input: (f) => ({ membershipId: f.users.VIEWER.membershipId, role: "MEMBER" }) },
  "member.remove": { min: "ADMIN", input: (f) => ({ membershipId: f.users.VIEWER.membershipId }) },
  "invitation.list": { min: "ADMIN", input: () => ({}) },
  "invitation.create": { min: "ADMIN", input: () => ({ email: `walk-${rid()}@example.test`, role: "VIEWER" }) },
  "invitation.revoke": { min: "ADMIN", input: (f) => ({ invitationId: f.invitationId }) },
  "agent.list": { min: "VIEWER", input: () => ({}) },
  "agent.get": { min: "VIEWER", input: (f) => ({ agentId: f.lobo.id }) },
  "agent.models": { min: "VIEWER", input: () => ({}) },
  "agent.templates": { min: "VIEWER", input: () => ({}) },
  "agent.create": { min: "MEMBER", input: (_f, m) => ({ ...fields(m), externalId: "coruja", template: "support" }) },
  "agent.update": { min: "MEMBER", input: (f, m) => ({ ...fields(m), agentId: f.lobo.id }) },
  "agent.duplicate": { min: "MEMBER", input: (f) => ({ agentId: f.lobo.id, externalId: "lobo-copy" }) },
  "agent.setEnabled": { min: "ADMIN", input: (f) => ({ agentId: f.aguia.id, enabled: false }) },
  "agent.archive": { min: "ADMIN", input: (f) => ({ agentId: f.aguia.id }) },
  "channel.list": { min: "VIEWER", input: () => ({}) },
  "channel.chats": { min: "VIEWER", input: () => ({}) },
  "channel.update": { min: "ADMIN", input: (f) => ({ channelId: f.group.id, requireMention: false }) },
  "binding.overview": { min: "VIEWER", input: () => ({}) },
  "binding.create": { min: "ADMIN", input: (f) => ({ agentId: f.aguia.id, channelId: f.group2.id }) },
  "binding.addRule": { min: "ADMIN", input: (f) => ({ agentId: f.aguia.id, target: { kind: "chat", channelId: f.group2.id } }) },
  "binding.reassign": { min: "ADMIN", input: (f) => ({ bindingId: f.binding.id, agentId: f.aguia.id }) },
  "binding.delete": { min: "ADMIN", input: (f) => ({ bindingId: f.binding.id }) },
  "configRevision.list": { min: "VIEWER", input: (f) => ({ instanceId: f.instance.id }) },
  "configRevision.get": { min: "VIEWER", input: (f) => ({ revisionId: f.revisionId }) },
  "configRevision.rollback": { min: "ADMIN", input: (f) => ({ revisionId: f.revisionId }) },
  "configRevision.republish": { min: "ADMIN", input: () => ({}) },
  "audit.list": { min: "VIEWER", input: () => ({}) },
  "instanceAdmin.list": { min: "VIEWER", input: () => ({}) },
  "instanceAdmin.get": { min: "VIEWER", input: (f) => ({ instanceId: f.instance.id }) },
  "instanceAdmin.create": { min: "ADMIN", input: () => ({ name: "new vm" }) },
  "instanceAdmin.rotateKey": { min: "ADMIN", input: (f) => ({ instanceId: f.instance.id }) },
  "instanceAdmin.revoke": { min: "ADMIN", input: (f) => ({ instanceId: f.instance.id }) },
  "overview.get": { min: "VIEWER", input: () => ({}) },
  "budget.list": { min: "VIEWER", input: () => ({}) },
  "budget.create": { min: "ADMIN", input: (f) => ({ ...budgetFields, agentId: f.aguia.id }) },
  "budget.update": { min: "ADMIN", input: (f) => ({ ...budgetFields, agentId: f.lobo.id, budgetId: f.budgetId }) },
  "budget.setEnabled": { min: "ADMIN", input: (f) => ({ budgetId: f.budgetId, enabled: false }) },
  "budget.delete": { min: "ADMIN", input: (f) => ({ budgetId: f.budgetId }) },
  "alert.list": { min: "VIEWER", input: () => ({ status: "all" }) },
  "alert.openCount": { min: "VIEWER", input: () => ({}) },
  "alert.acknowledge": { min: "ADMIN", input: (f) => ({ alertIds: [f.alertId] }) },
  "rateLimit.list": { min: "VIEWER", input: () => ({}) },
  "rateLimit.create": { min: "ADMIN", input: (f) => ({ scope: "AGENT", agentId: f.aguia.id, window: "HOUR", maxRequests: 100, maxTokens: null }) },
  "rateLimit.delete": { min: "ADMIN", input: (f) => ({ ruleId: f.ruleId }) },
  "analytics.summary": { min: "VIEWER", input: () => ({ range: "30d" }) },
  "analytics.daily": { min: "VIEWER", input: () => ({ range: "30d", stackBy: "channel" }) },
  "analytics.performance": { min: "VIEWER", input: () => ({ range: "30d" }) },
  "analytics.sessions": { min: "VIEWER", input: (f) => ({ range: "30d", scope: "agent", id: f.lobo.id }) },
  "analytics.calls": { min: "VIEWER", input: (f) => ({ range: "30d", sessionKey: f.sessionKey }) },
  "webhook.get": { min: "ADMIN", input: () => ({}) },
  "webhook.set": { min: "ADMIN", input: () => ({ url: "https://hooks.example.com/baas" }) },
  "webhook.clear": { min: "ADMIN", input: () => ({}) },
  "billing.get": { min: "ADMIN", input: () => ({}) },
  "billing.invoices": { min: "ADMIN", input: () => ({}) },
  "billing.changePlan": { min: "OWNER", input: () => ({ tierKey: paidTier.key }) },
  "billing.portal": { min: "OWNER", input: () => ({}) },
  "billing.buyCredits": { min: "OWNER", input: () => ({}) },
};
const rank: Record<Role, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };

let db: Db;
let models: Models;
const KEY = randomBytes(32);
let billing: BillingHarness;
let unlimitedTier: Tier;
let paidTier: Tier;

async function seedFull() {
  const f = await seedTenant(db, models);
  const inv = await db.invitation.create({ data: { tenantId: f.tenant.id, email: `inv-${rid()}@example.test`, tokenHash: hashInviteToken(rid()), expiresAt: new Date(Date.now() + 3600_000) } });
  const [rev] = await publishRevisions(db, { tenantId: f.tenant.id, userId: null }, "seed");
  // This month's usage, so a read that crossed tenants (the overview's roll-up) would show the victim's ids.
  const day = new Date(localDay(new Date(), f.tenant.timezone));
  await db.usageDaily.create({ data: { tenantId: f.tenant.id, day, agentKey: f.lobo.id, channelKey: f.group.id, model: models.sonnet, calls: 1, costTenantMicros: 1000n } });
  // One recorded call, so the analytics' raw-event reads (sessions, calls) would show the victim's ids.
  const sessionKey = `agent:lobo:whatsapp:group:${f.group.externalId}`;
  await db.usageEvent.create({ data: { tenantId: f.tenant.id, idempotencyKey: rid(), agentId: f.lobo.id, channelId: f.group.id, sessionKey, runId: rid(), provider: "ANTHROPIC", model: models.sonnet, latencyMs: 10 } });
  const rule = await db.rateLimitRule.create({ data: { tenantId: f.tenant.id, scope: "AGENT", targetId: f.lobo.id, window: "MINUTE", maxRequests: 30 } });
  const alert = await db.alert.create({ data: { tenantId: f.tenant.id, kind: "HOLD_EXCEEDED", message: "over", dedupeKey: `iso:${rid()}` } });
  const budget = await db.budget.create({ data: { tenantId: f.tenant.id, scope: "AGENT", agentId: f.lobo.id, name: "Lobo cap", limitMoneyMicros: 5_000_000n } });
  // On a plan without counted limits, with a Stripe customer (as after a paid plan that ended), so
  // billing.portal has one to open and Checkout one to start.
  const customer = await billing.stripe.customers.create({ email: f.users.OWNER.email, metadata: { tenantId: f.tenant.id } });
  await db.subscription.create({ data: { tenantId: f.tenant.id, tierId: unlimitedTier.id, stripeCustomerId: customer.id } });
  return { ...f, invitationId: inv.id, revisionId: rev!.id, budgetId: budget.id, alertId: alert.id, ruleId: rule.id, sessionKey };
}

function call(user: SessionUser, path: string, input: unknown): Promise<unknown> {
  // A key, so that procedures storing secrets (the alert webhook) can succeed for their minimum role.
  const services = { db, invitationMailer: captureMailer(), billing: billing.services.billing, encryptionKey: KEY };
  const caller = createCaller(createTRPCContext({ services, headers: new Headers(), user })) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
  const [ns, name] = path.split(".") as [string, string];
  return caller[ns]![name]!(input);
}


/** "query" | "mutation" of a flattened procedure path (runtime shape of the router definition). */
const procType = (path: string) => (appRouter._def.procedures as unknown as Record<string, { _def: { type: string } } | undefined>)[path]?._def.type;

const appPaths = () => Object.keys(appRouter._def.procedures).filter((p) => !SKIPPED_PREFIXES.some((s) => p.startsWith(s)));

beforeAll(async () => {
  db = testDb();
  models = await seedModels(db, rid());
  billing = await startBillingHarness(db);
  await ensureStarter(db);
  unlimitedTier = await db.tier.create({ data: { key: `walk-free-${rid()}`, name: "Walk Free", priceMonthlyMinor: 0, defaultModel: models.sonnet, allowedModels: [models.sonnet, models.haiku], creditModels: [models.opus] } });
  paidTier = await db.tier.create({ data: { key: `walk-${rid()}`, name: "Walk Pro", priceMonthlyMinor: 9_900, defaultModel: models.sonnet, allowedModels: [models.sonnet, models.haiku] } });
});

afterAll(async () => {
  await billing?.close();
  const walkTiers = [paidTier, unlimitedTier].filter(Boolean).map((t) => t.id);
  await db.subscription.deleteMany({ where: { tierId: { in: walkTiers } } });
  await db.tier.deleteMany({ where: { id: { in: walkTiers } } });
});

describe("tenant isolation across every app procedure", () => {
  it("knows every procedure of the app routers this suite owns", () => {
    // Every tenant procedure, derived from the router: operator.* is platform-scoped (its own suite).
    const missing = appPaths().filter((p) => !p.startsWith("operator.") && !TABLE[p] && !SELF_SCOPED.has(p));
    expect(missing).toEqual([]);
    expect(appPaths().length).toBeGreaterThanOrEqual(Object.keys(TABLE).length);
  });

  it("a member of another tenant gets NOT_FOUND everywhere and the victim's rows stay as they were", async () => {
    const victim = await seedFull();
    const attacker = await seedFull();
    const before = await snapshotTenant(db, victim.tenant.id);
    const failures: string[] = [];
    for (const path of appPaths().filter((p) => !SELF_SCOPED.has(p))) {
      const sample = TABLE[path]?.input(victim, models) ?? {};
      // 1. naming the victim's tenant
      const direct = await codeOf(call(attacker.users.OWNER, path, { ...sample, tenantId: victim.tenant.id }));
      if (direct !== "NOT_FOUND" && direct !== "FORBIDDEN") failures.push(`${path} with victim tenantId → ${direct}`);
      // 2. own tenant, victim's object ids
      if (!TABLE[path]) continue;
      let leaked = "";
      const viaOwn = await codeOf(call(attacker.users.OWNER, path, { ...sample, tenantId: attacker.tenant.id }).then((r) => void (leaked = JSON.stringify(r) ?? "")));
      const victimIds = [victim.tenant.id, victim.lobo.id, victim.aguia.id, victim.group.id, victim.instance.id, victim.revisionId, victim.binding.id, victim.budgetId, victim.alertId, victim.ruleId];
      if (victimIds.some((id) => leaked.includes(id))) failures.push(`${path} via own tenant leaked a victim id (${viaOwn})`);
    }
    expect(failures).toEqual([]);
    expect(await snapshotTenant(db, victim.tenant.id)).toBe(before);
  });

  it("each role below a procedure's minimum gets FORBIDDEN and changes nothing; queries answer every allowed role", async () => {
    const f = await seedFull();
    const failures: string[] = [];
    for (const [path, spec] of Object.entries(TABLE)) {
      for (const role of ROLES) {
        const allowed = rank[role] >= rank[spec.min];
        const isQuery = procType(path) === "query";
        if (allowed && !isQuery) continue;
        const before = await snapshotTenant(db, f.tenant.id);
        const code = await codeOf(call(f.users[role], path, { ...spec.input(f, models), tenantId: f.tenant.id }));
        const expected = allowed ? "OK" : "FORBIDDEN";
        if (code !== expected) failures.push(`${path} as ${role}: ${code}, expected ${expected}`);
        if (!allowed && (await snapshotTenant(db, f.tenant.id)) !== before) failures.push(`${path} as ${role} changed rows`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("every mutation succeeds for its minimum role (so the minimum is not accidentally higher), and none changes the tier", async () => {
    const failures: string[] = [];
    const tierOf = async (tenantId: string) => JSON.stringify(await db.subscription.findUnique({ where: { tenantId }, select: { tierId: true, status: true } }));
    for (const [path, spec] of Object.entries(TABLE)) {
      if (procType(path) !== "mutation") continue;
      const f = await seedFull();
      const tierBefore = await tierOf(f.tenant.id);
      const code = await codeOf(call(f.users[spec.min], path, { ...spec.input(f, models), tenantId: f.tenant.id }));
      if (code !== "OK") failures.push(`${path} as ${spec.min}: ${code}`);
      // Only a verified Stripe event or an audited operator action moves a tenant's tier.
      if ((await tierOf(f.tenant.id)) !== tierBefore) failures.push(`${path} changed the tier or billing status`);
    }
    expect(failures).toEqual([]);
  });

  it("self-scoped procedures only ever show the caller's own tenants", async () => {
    const f = await seedFull();
    const stranger = await db.user.create({ data: { email: `stranger-${rid()}@example.test` } });
    const as = { id: stranger.id, email: stranger.email, platformRole: "NONE" as const };
    expect(await call(as, "tenant.mine", undefined)).toEqual([]);
    expect(await call(f.users.VIEWER, "tenant.mine", undefined)).toEqual([expect.objectContaining({ id: f.tenant.id, role: "VIEWER" })]);
    expect(await codeOf(callerFor(db, null).tenant.get({ tenantId: f.tenant.id }))).toBe("UNAUTHORIZED");
  });

  it("a platform operator sees every tenant and acts in it as owner", async () => {
    const f = await seedFull();
    const op = await db.user.create({ data: { email: `op-${rid()}@example.test`, platformRole: "OPERATOR" } });
    const as = { id: op.id, email: op.email, platformRole: "OPERATOR" as const };
    expect(await call(as, "tenant.mine", undefined)).toContainEqual(expect.objectContaining({ id: f.tenant.id, viaOperator: true }));
    expect(await call(as, "tenant.get", { tenantId: f.tenant.id })).toMatchObject({ myRole: "OWNER" });
  });
});

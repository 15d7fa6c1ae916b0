/** Test fixtures for the app routers: a tenant of its own per test file, with a member per role. */
import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { getDb, type Db, type Role } from "@baas/db";
import { createTRPCContext, type ApiServices, type SessionUser } from "../context";
import type { InvitationMailer } from "../invitation/invitation-mailer";
import { createCaller } from "../root";
import { hashInstanceKey } from "../trpc";

export const ROLES: Role[] = ["OWNER", "ADMIN", "MEMBER", "VIEWER"];

export function rid(): string {
  return randomBytes(5).toString("hex");
}

export function testDb(): Db {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run through scripts/with-test-env.ts");
  return getDb(url);
}

export interface SentInvite {
  email: string;
  invitePath: string;
}

export function captureMailer(): InvitationMailer & { sent: SentInvite[] } {
  const sent: SentInvite[] = [];
  return { sent, sendInvitation: async (p) => void sent.push({ email: p.email, invitePath: p.invitePath }) };
}

export function callerFor(db: Db, user: SessionUser | null, mailer?: InvitationMailer, extra: Partial<ApiServices> = {}) {
  return createCaller(createTRPCContext({ services: { db, invitationMailer: mailer, ...extra }, headers: new Headers(), user }));
}

/** Enabled models of this test file only (ModelPrice is a shared table). */
export async function seedModels(db: Db, tag: string) {
  const models = [`t-opus-${tag}`, `t-sonnet-${tag}`, `t-haiku-${tag}`];
  for (const [i, model] of models.entries()) {
    await db.modelPrice.create({
      data: { provider: "ANTHROPIC", model, displayName: `Test ${model}`, family: ["opus", "sonnet", "haiku"][i], inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75, effectiveFrom: new Date(Date.now() - 86_400_000) },
    });
  }
  return { opus: models[0]!, sonnet: models[1]!, haiku: models[2]! };
}

export async function seedTenant(db: Db, models: { sonnet: string; haiku: string }) {
  const tag = rid();
  const tenant = await db.tenant.create({ data: { slug: `t-${tag}`, name: `Tenant ${tag}` } });
  const users = {} as Record<Role, SessionUser & { membershipId: string }>;
  for (const role of ROLES) {
    const u = await db.user.create({ data: { email: `${role.toLowerCase()}-${tag}@example.test` } });
    const m = await db.membership.create({ data: { tenantId: tenant.id, userId: u.id, role } });
    users[role] = { id: u.id, email: u.email, name: null, platformRole: "NONE", membershipId: m.id };
  }
  const key = `k-${tag}-${rid()}`;
  const instance = await db.instance.create({ data: { tenantId: tenant.id, name: `vm-${tag}`, keyHash: hashInstanceKey(key), keyPrefix: key.slice(0, 6), lastSeenAt: new Date() } });
  const lobo = await db.agent.create({ data: { tenantId: tenant.id, externalId: "lobo", name: "Lobo", emoji: "🐺", model: models.sonnet, mentionPatterns: ["@lobo"] } });
  const aguia = await db.agent.create({ data: { tenantId: tenant.id, externalId: "aguia", name: "Águia", emoji: "🦅", model: models.haiku } });
  const group = await db.channel.create({ data: { tenantId: tenant.id, provider: "whatsapp", peerKind: "GROUP", externalId: `1203${tag}@g.us`, name: "Vendas VIP" } });
  const group2 = await db.channel.create({ data: { tenantId: tenant.id, provider: "whatsapp", peerKind: "GROUP", externalId: `1204${tag}@g.us`, name: "Suporte" } });
  const binding = await db.binding.create({ data: { tenantId: tenant.id, agentId: lobo.id, channelId: group.id } });
  return { tenant, users, instance, instanceKey: key, lobo, aguia, group, group2, binding };
}

/** Everything a tenant owns that an app procedure could read or change, for before/after comparison. */
export async function snapshotTenant(db: Db, tenantId: string): Promise<string> {
  const [tenant, memberships, invitations, instances, agents, channels, bindings, revisions, audit, budgets, alerts, rateRules, subscription] = await Promise.all([
    db.tenant.findUnique({ where: { id: tenantId } }),
    db.membership.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.invitation.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.instance.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.agent.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.channel.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.binding.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.configRevision.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.auditLog.count({ where: { tenantId } }),
    db.budget.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.alert.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.rateLimitRule.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.subscription.findUnique({ where: { tenantId } }),
  ]);
  return JSON.stringify({ tenant, memberships, invitations, instances, agents, channels, bindings, revisions, audit, budgets, alerts, rateRules, subscription }, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** The tRPC error code a call ends with ("OK" when it succeeds), for tables of expected outcomes. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? e.code : `THROWN ${String(e)}`;
  }
}

import { AppError, encryptSecret, secretHint, type Db, type UpstreamAccount } from "@baas/db";
import type { DbLike } from "../lib-app/db-like";
import { writeOperatorAudit } from "./operator-audit";
import type { AccountView, CreateAccountInput } from "./operator.schemas";

const DAY_MS = 86_400_000;

/** Only the columns an operator may see: the ciphertext never leaves this module. */
function toView(a: UpstreamAccount, calls24h: number): AccountView {
  return {
    id: a.id, name: a.name, provider: a.provider, kind: a.kind, baseUrl: a.baseUrl, priority: a.priority,
    status: a.status, disabledReason: a.disabledReason, credentialHint: a.credentialHint,
    window5hUtilization: a.window5hUtilization, window5hResetAt: a.window5hResetAt,
    window7dUtilization: a.window7dUtilization, window7dResetAt: a.window7dResetAt,
    calls24h, subscriptionTermsAcceptedAt: a.subscriptionTermsAcceptedAt, updatedAt: a.updatedAt,
  };
}

/** Audit-safe snapshot (no credential material beyond the public hint). */
function auditView(a: UpstreamAccount) {
  return { name: a.name, provider: a.provider, kind: a.kind, baseUrl: a.baseUrl, priority: a.priority, status: a.status, disabledReason: a.disabledReason, credentialHint: a.credentialHint };
}

function requireKey(key: Buffer | undefined): Buffer {
  if (!key) throw new AppError("PRECONDITION_FAILED", "Credentials cannot be stored: the server has no BAAS_ENCRYPTION_KEY configured");
  return key;
}

async function getAccount(db: DbLike, id: string): Promise<UpstreamAccount> {
  const a = await db.upstreamAccount.findUnique({ where: { id } });
  if (!a) throw new AppError("NOT_FOUND", "Upstream account not found");
  return a;
}

export async function listAccounts(db: Db, now = new Date()): Promise<AccountView[]> {
  const [rows, counts] = await Promise.all([
    db.upstreamAccount.findMany({ orderBy: [{ provider: "asc" }, { priority: "asc" }, { name: "asc" }] }),
    db.usageEvent.groupBy({ by: ["upstreamAccountId"], where: { upstreamAccountId: { not: null }, occurredAt: { gte: new Date(now.getTime() - DAY_MS) } }, _count: { _all: true } }),
  ]);
  const byId = new Map(counts.map((c) => [c.upstreamAccountId, c._count._all]));
  return rows.map((a) => toView(a, byId.get(a.id) ?? 0));
}

export async function createAccount(db: DbLike, userId: string, key: Buffer | undefined, input: CreateAccountInput): Promise<AccountView> {
  const k = requireKey(key);
  if (await db.upstreamAccount.findUnique({ where: { name: input.name } })) {
    throw new AppError("CONFLICT", `name: an upstream account named "${input.name}" already exists`);
  }
  const a = await db.upstreamAccount.create({
    data: { name: input.name, provider: input.provider, kind: input.kind, baseUrl: input.baseUrl ?? null, priority: input.priority, credentialCiphertext: encryptSecret(input.credential, k), credentialHint: secretHint(input.credential) },
  });
  await writeOperatorAudit(db, userId, { action: "upstreamAccount.create", entityType: "UpstreamAccount", entityId: a.id, after: auditView(a) });
  return toView(a, 0);
}

export async function setPriority(db: DbLike, userId: string, id: string, priority: number): Promise<AccountView> {
  const before = await getAccount(db, id);
  const a = await db.upstreamAccount.update({ where: { id }, data: { priority } });
  await writeOperatorAudit(db, userId, { action: "upstreamAccount.priority", entityType: "UpstreamAccount", entityId: id, before: { priority: before.priority }, after: { priority: a.priority } });
  return toView(a, 0);
}

export async function setEnabled(db: DbLike, userId: string, id: string, enabled: boolean, reason?: string): Promise<AccountView> {
  const before = await getAccount(db, id);
  const data = enabled ? { status: "ACTIVE" as const, disabledReason: null } : { status: "DISABLED" as const, disabledReason: reason || "Disabled by an operator" };
  const a = await db.upstreamAccount.update({ where: { id }, data });
  await writeOperatorAudit(db, userId, { action: enabled ? "upstreamAccount.enable" : "upstreamAccount.disable", entityType: "UpstreamAccount", entityId: id, before: { status: before.status, disabledReason: before.disabledReason }, after: { status: a.status, disabledReason: a.disabledReason } });
  return toView(a, 0);
}

/**
 * What an operator accepts before a Claude subscription serves anyone's calls. Shown in the
 * dialog and stored in the audit entry, so what was accepted is on record.
 */
export const SUBSCRIPTION_TERMS =
  "Anthropic's terms describe Claude subscriptions (Pro, Max) as meant for ordinary individual use of its own apps, and traffic from third-party tools on a subscription is reported to be billed as extra usage or refused. By turning this account on, you confirm you have the right to use it this way and accept that risk; BaaS then uses it in the rotation at its priority.";

/** Turns a subscription account on (terms accepted, audited with them) or off for the rotation. */
export async function setSubscriptionUse(db: DbLike, userId: string, id: string, use: boolean, now = new Date()): Promise<AccountView> {
  const before = await getAccount(db, id);
  if (before.kind !== "MAX_SUBSCRIPTION") throw new AppError("BAD_REQUEST", "accountId: only subscription accounts need their terms accepted; API keys are always usable");
  const data = use ? { subscriptionTermsAcceptedAt: now, subscriptionTermsAcceptedBy: userId } : { subscriptionTermsAcceptedAt: null, subscriptionTermsAcceptedBy: null };
  const a = await db.upstreamAccount.update({ where: { id }, data });
  await writeOperatorAudit(db, userId, {
    action: use ? "upstreamAccount.subscriptionOn" : "upstreamAccount.subscriptionOff",
    entityType: "UpstreamAccount",
    entityId: id,
    before: { subscriptionTermsAcceptedAt: before.subscriptionTermsAcceptedAt },
    after: { subscriptionTermsAcceptedAt: a.subscriptionTermsAcceptedAt, ...(use ? { terms: SUBSCRIPTION_TERMS } : {}) },
  });
  return toView(a, 0);
}

/** New credential, new hint; the old ciphertext is overwritten (the audit keeps only the hints). */
export async function replaceCredential(db: DbLike, userId: string, key: Buffer | undefined, id: string, credential: string): Promise<AccountView> {
  const k = requireKey(key);
  const before = await getAccount(db, id);
  const a = await db.upstreamAccount.update({ where: { id }, data: { credentialCiphertext: encryptSecret(credential, k), credentialHint: secretHint(credential) } });
  await writeOperatorAudit(db, userId, { action: "upstreamAccount.rekey", entityType: "UpstreamAccount", entityId: id, before: { credentialHint: before.credentialHint }, after: { credentialHint: a.credentialHint } });
  return toView(a, 0);
}

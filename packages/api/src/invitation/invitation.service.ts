import { createHash, randomBytes } from "node:crypto";
import { AppError, type Role } from "@baas/db";
import type { Actor, DbLike } from "../lib-app/db-like";
import { hasRole } from "../trpc";

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates the invitation; the raw token is returned only to be put in the email. */
export async function createInvitation(db: DbLike, actor: Actor, actorRole: Role, email: string, role: Role) {
  if (role === "OWNER" && !hasRole(actorRole, "OWNER")) throw new AppError("FORBIDDEN", "Only an owner can invite another owner");
  const member = await db.membership.findFirst({ where: { tenantId: actor.tenantId, user: { email } } });
  if (member) throw new AppError("CONFLICT", `email: ${email} is already a member`, { details: { field: "email" } });
  const replaced = await db.invitation.updateMany({ where: { tenantId: actor.tenantId, email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  if (replaced.count) await dropSignInLinks(db, email);
  const token = randomBytes(32).toString("base64url");
  const invitation = await db.invitation.create({
    data: { tenantId: actor.tenantId, email, role, tokenHash: hashInviteToken(token), invitedById: actor.userId, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
  });
  return { invitation, token };
}

/**
 * An invitation's email is a magic link that signs the invitee in: once the invitation is
 * revoked, that link must not work either. Sign-in tokens are not tied to one invitation, so
 * every pending link of that mailbox goes (the person can ask for a new one).
 */
async function dropSignInLinks(db: DbLike, email: string) {
  await db.verificationToken.deleteMany({ where: { identifier: { equals: email, mode: "insensitive" } } });
}

export async function revokeInvitation(db: DbLike, actor: Actor, invitationId: string) {
  const open = { id: invitationId, tenantId: actor.tenantId, acceptedAt: null, revokedAt: null };
  const inv = await db.invitation.findFirst({ where: open, select: { email: true } });
  // The conditional update decides a race between two revokes: only one of them counts.
  const res = inv ? await db.invitation.updateMany({ where: open, data: { revokedAt: new Date() } }) : { count: 0 };
  if (!inv || !res.count) throw new AppError("NOT_FOUND", "Invitation not found");
  await dropSignInLinks(db, inv.email);
}

export async function listInvitations(db: DbLike, actor: Actor) {
  return db.invitation.findMany({
    where: { tenantId: actor.tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { email: true } } },
  });
}

/** Accepting needs the token and the invited address: a forwarded link does not let someone else in. */
export async function acceptInvitation(db: DbLike, user: { id: string; email: string }, token: string) {
  const inv = await db.invitation.findUnique({ where: { tokenHash: hashInviteToken(token) }, include: { tenant: { select: { name: true } } } });
  if (!inv || inv.revokedAt) throw new AppError("NOT_FOUND", "This invitation does not exist or was revoked");
  if (inv.acceptedAt) throw new AppError("PRECONDITION_FAILED", "This invitation was already used");
  if (inv.expiresAt < new Date()) throw new AppError("PRECONDITION_FAILED", "This invitation has expired: ask for a new one");
  if (inv.email.toLowerCase() !== user.email.toLowerCase()) {
    throw new AppError("FORBIDDEN", `This invitation is for ${inv.email}; sign in with that address`);
  }
  await db.membership.upsert({
    where: { tenantId_userId: { tenantId: inv.tenantId, userId: user.id } },
    create: { tenantId: inv.tenantId, userId: user.id, role: inv.role },
    update: {},
  });
  await db.invitation.update({ where: { id: inv.id }, data: { acceptedAt: new Date() } });
  return { tenantId: inv.tenantId, tenantName: inv.tenant.name, role: inv.role };
}

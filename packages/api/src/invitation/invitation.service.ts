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
  await db.invitation.updateMany({ where: { tenantId: actor.tenantId, email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  const token = randomBytes(32).toString("base64url");
  const invitation = await db.invitation.create({
    data: { tenantId: actor.tenantId, email, role, tokenHash: hashInviteToken(token), invitedById: actor.userId, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
  });
  return { invitation, token };
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

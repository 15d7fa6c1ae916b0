import { AppError, type Role } from "@baas/db";
import type { Actor, DbLike } from "../lib-app/db-like";
import { lockTenant } from "../lib-app/tenant-lock";
import { hasRole } from "../trpc";

export async function listMembers(db: DbLike, actor: Actor) {
  const rows = await db.membership.findMany({
    where: { tenantId: actor.tenantId },
    orderBy: { createdAt: "asc" },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  // The page offers no "remove" on your own row: leaving is not a slip of the mouse.
  return rows.map((r) => ({ ...r, isMe: r.user.id === actor.userId }));
}

/**
 * Membership changes of one tenant run one at a time: the tenant row is locked for the rest of the
 * caller's transaction, so two owners demoting each other can't both see "another owner is left".
 * The actor's own role is re-read under the lock, since it may have changed since the request began.
 */
async function lockMemberships(db: DbLike, actor: Actor, actorRole: Role): Promise<Role> {
  await lockTenant(db, actor.tenantId);
  if (!actor.userId) return actorRole;
  const mine = await db.membership.findUnique({ where: { tenantId_userId: { tenantId: actor.tenantId, userId: actor.userId } }, select: { role: true } });
  // Platform operators act without a membership; they keep the role the procedure gave them.
  if (!mine) return actorRole;
  if (!hasRole(mine.role, "ADMIN")) throw new AppError("FORBIDDEN", "Your role changed while this request was on its way");
  return mine.role;
}

async function findMembership(db: DbLike, actor: Actor, membershipId: string) {
  const m = await db.membership.findFirst({ where: { id: membershipId, tenantId: actor.tenantId }, include: { user: { select: { email: true } } } });
  if (!m) throw new AppError("NOT_FOUND", "Member not found");
  return m;
}

async function assertNotLastOwner(db: DbLike, actor: Actor, role: Role) {
  if (role !== "OWNER") return;
  const owners = await db.membership.count({ where: { tenantId: actor.tenantId, role: "OWNER" } });
  if (owners <= 1) throw new AppError("PRECONDITION_FAILED", "A tenant always keeps at least one owner: make someone else owner first");
}

/** Only owners touch owners; admins manage admins, members and viewers. */
function assertMayManage(actorRole: Role, targetRole: Role, newRole?: Role) {
  const needsOwner = targetRole === "OWNER" || newRole === "OWNER";
  if (needsOwner && !hasRole(actorRole, "OWNER")) throw new AppError("FORBIDDEN", "Only an owner can grant or change the owner role");
}

export async function changeRole(db: DbLike, actor: Actor, roleAtStart: Role, membershipId: string, role: Role) {
  const actorRole = await lockMemberships(db, actor, roleAtStart);
  const m = await findMembership(db, actor, membershipId);
  assertMayManage(actorRole, m.role, role);
  if (m.role === role) return { before: m, after: m };
  await assertNotLastOwner(db, actor, m.role);
  const after = await db.membership.update({ where: { id: m.id }, data: { role } });
  return { before: m, after };
}

export async function removeMember(db: DbLike, actor: Actor, roleAtStart: Role, membershipId: string) {
  const actorRole = await lockMemberships(db, actor, roleAtStart);
  const m = await findMembership(db, actor, membershipId);
  assertMayManage(actorRole, m.role);
  await assertNotLastOwner(db, actor, m.role);
  await db.membership.delete({ where: { id: m.id } });
  return m;
}

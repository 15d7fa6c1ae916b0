import { AppError, type ConfigRevision, type Prisma } from "@baas/db";
import type { Actor, DbLike } from "../lib-app/db-like";
import { lockTenant } from "../lib-app/tenant-lock";
import { composeConfig, loadRows, validateConfig, type Rows } from "./build-config";
import { describeChanges, summarize } from "./describe-change";
import { configHash } from "./canonical-json";
import { parseSnapshot, restoreSettings, snapshotJson, snapshotSettings, type SettingsSnapshot } from "./settings-snapshot";

interface NewRevision {
  instanceId: string;
  config: unknown;
  summary: string;
  settings: SettingsSnapshot;
  rollbackOfId?: string;
  /** The edit session starts here (see EDIT_SESSION_MS); the caller's clock, not the database's. */
  createdAt?: Date;
}

/** Appends a PENDING revision and supersedes the pending ones it replaces. */
export async function appendRevision(db: DbLike, actor: Actor, rev: NewRevision): Promise<ConfigRevision> {
  const config = validateConfig(rev.config);
  const last = await db.configRevision.findFirst({ where: { instanceId: rev.instanceId }, orderBy: { version: "desc" }, select: { version: true } });
  await db.configRevision.updateMany({ where: { instanceId: rev.instanceId, status: "PENDING" }, data: { status: "SUPERSEDED" } });
  return db.configRevision.create({
    data: {
      tenantId: actor.tenantId,
      instanceId: rev.instanceId,
      version: (last?.version ?? 0) + 1,
      config: config as Prisma.InputJsonValue,
      hash: configHash(config),
      settings: snapshotJson(rev.settings),
      summary: rev.summary.slice(0, 300),
      createdById: actor.userId,
      rollbackOfId: rev.rollbackOfId ?? null,
      createdAt: rev.createdAt ?? new Date(),
    },
  });
}

/**
 * Edits one person makes within this window of their first unpulled-and-unapplied change are one
 * published change: the pending revision is rewritten in place (same version) instead of a new
 * version per toggle. A different person, an applied revision or an older one starts a new one.
 */
export const EDIT_SESSION_MS = 5 * 60_000;

type Pending = { id: string; version: number; hash: string; createdById: string | null; createdAt: Date; rollbackOfId: string | null; sealed: boolean };

/** Sealed: marked so, or from before snapshots were kept (folding would rewrite history). */
function isSealed(settings: unknown): boolean {
  const snap = parseSnapshot(settings);
  return !snap || snap.sealed === true;
}

/** A rollback or an explicit re-publish is a change of its own: later edits never fold into it. */
function sameSession(pending: Pending | null, actor: Actor, now: Date): pending is Pending {
  if (!pending || pending.rollbackOfId || pending.sealed || !actor.userId) return false;
  return pending.createdById === actor.userId && now.getTime() - pending.createdAt.getTime() < EDIT_SESSION_MS;
}

/** The sentence list for a revision: what changed since the revision before `beforeVersion`. */
async function summaryFor(db: DbLike, instanceId: string, beforeVersion: number | null, settings: SettingsSnapshot, rows: Rows, fallback: string) {
  const base = await db.configRevision.findFirst({
    where: { instanceId, ...(beforeVersion === null ? {} : { version: { lt: beforeVersion } }) },
    orderBy: { version: "desc" },
    select: { settings: true },
  });
  const prev = base ? parseSnapshot(base.settings) : null;
  return summarize(prev ? describeChanges(prev, settings, rows.channels) : [], fallback);
}

/**
 * After every config save: recompute each live instance's desired config and append a revision
 * where it differs from what the instance already has or is about to get (or fold it into the
 * same person's pending one, see EDIT_SESSION_MS). `fallback` is the summary when nothing is
 * comparable (the first revision of an instance).
 */
export async function publishRevisions(db: DbLike, actor: Actor, fallback: string, now = new Date(), opts: { seal?: boolean } = {}): Promise<ConfigRevision[]> {
  // Two saves at once would both number their revision N+1: the second waits, then sees the first.
  await lockTenant(db, actor.tenantId);
  const instances = await db.instance.findMany({
    where: { tenantId: actor.tenantId, revokedAt: null },
    select: { id: true, appliedRevision: { select: { hash: true } } },
  });
  if (!instances.length) return [];
  const rows = await loadRows(db, actor.tenantId);
  const settings = snapshotSettings(rows);
  const created: ConfigRevision[] = [];
  for (const inst of instances) {
    const config = validateConfig(composeConfig(rows, inst.id));
    const hash = configHash(config);
    const pending = await db.configRevision.findFirst({
      where: { instanceId: inst.id, status: "PENDING" },
      select: { id: true, version: true, hash: true, createdById: true, createdAt: true, rollbackOfId: true, settings: true },
    });
    if ((pending?.hash ?? inst.appliedRevision?.hash) === hash) continue;
    const open = pending ? { ...pending, sealed: isSealed(pending.settings) } : null;
    if (sameSession(open, actor, now)) {
      created.push(await foldIntoPending(db, open, { config, hash, settings, applied: inst.appliedRevision?.hash ?? null, summary: await summaryFor(db, inst.id, open.version, settings, rows, fallback) }));
      continue;
    }
    const summary = await summaryFor(db, inst.id, null, settings, rows, fallback);
    created.push(await appendRevision(db, actor, { instanceId: inst.id, config, summary, settings: opts.seal ? { ...settings, sealed: true } : settings, createdAt: now }));
  }
  return created;
}

/** Rewrites the session's pending revision; if the edits undid each other, it is dropped. */
async function foldIntoPending(db: DbLike, pending: Pending, next: { config: unknown; hash: string; settings: SettingsSnapshot; applied: string | null; summary: string }) {
  if (next.hash === next.applied) return db.configRevision.update({ where: { id: pending.id }, data: { status: "SUPERSEDED", summary: "Edits undone before they were applied" } });
  return db.configRevision.update({
    where: { id: pending.id },
    data: { config: next.config as Prisma.InputJsonValue, hash: next.hash, settings: snapshotJson(next.settings), summary: next.summary },
  });
}

/**
 * Rollback restores the saved settings revision N was composed from (so the pages show what the
 * bot runs and the next save builds on them), then appends a new revision composed from them:
 * its config equals N's unless inventory changed since. History is never rewritten.
 */
export async function rollbackTo(db: DbLike, actor: Actor, revisionId: string) {
  await lockTenant(db, actor.tenantId);
  const old = await db.configRevision.findFirst({ where: { id: revisionId, tenantId: actor.tenantId } });
  if (!old) throw new AppError("NOT_FOUND", "Revision not found");
  const snap = parseSnapshot(old.settings);
  if (!snap) {
    throw new AppError("PRECONDITION_FAILED", `Version ${old.version} was saved before settings were kept with each revision, so it cannot be restored; pick a later version`);
  }
  const restored = await restoreSettings(db, actor, snap);
  const rows = await loadRows(db, actor.tenantId);
  const config = validateConfig(composeConfig(rows, old.instanceId));
  const exact = configHash(config) === old.hash;
  const revision = await appendRevision(db, actor, {
    instanceId: old.instanceId,
    config,
    settings: snapshotSettings(rows),
    summary: `Rollback to version ${old.version}${exact ? "" : " (groups reported since keep their current settings)"}`,
    rollbackOfId: old.id,
  });
  // Settings are tenant-wide: the tenant's other instances follow the restored settings too.
  await publishRevisions(db, actor, `Rollback to version ${old.version} on another instance`);
  return { revision, restored, exact, rolledBackTo: old.version };
}

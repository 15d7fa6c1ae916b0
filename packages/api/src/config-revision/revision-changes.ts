import type { DbLike } from "../lib-app/db-like";
import { changeItems, type ChangeItem } from "./change-items";
import { parseSnapshot } from "./settings-snapshot";

/**
 * The change items of some revisions of one instance, worked out when read: each revision's
 * settings against the version before it, named with today's chat names. null where there is
 * nothing to compare (the first revision, or one from before settings were kept): the page then
 * shows the stored summary.
 */
export async function revisionChanges(db: DbLike, tenantId: string, instanceId: string, versions: number[]): Promise<Map<number, ChangeItem[] | null>> {
  const out = new Map<number, ChangeItem[] | null>();
  if (!versions.length) return out;
  const wanted = new Set(versions.flatMap((v) => [v, v - 1]));
  const [rows, channels] = await Promise.all([
    db.configRevision.findMany({ where: { tenantId, instanceId, version: { in: [...wanted] } }, select: { version: true, settings: true } }),
    db.channel.findMany({ where: { tenantId }, select: { id: true, name: true, peerKind: true, externalId: true, provider: true } }),
  ]);
  const snap = new Map(rows.map((r) => [r.version, parseSnapshot(r.settings)]));
  for (const v of versions) {
    const before = snap.get(v - 1);
    const after = snap.get(v);
    out.set(v, before && after ? changeItems(before, after, channels) : null);
  }
  return out;
}

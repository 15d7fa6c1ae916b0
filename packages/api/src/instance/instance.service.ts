/**
 * The instance side of the control plane: what a Clawdbot/OpenClaw host reports (heartbeat,
 * inventory) and the config revisions it pulls and acknowledges. Every function takes the
 * tenant and instance explicitly (from the instance key), never from input.
 */
import { AppError, type Db, type PeerKind } from "@baas/db";
import type {
  AckConfigInput,
  ConfigRevisionView,
  HeartbeatInput,
  PullConfigInput,
  ReportInventoryInput,
} from "./instance.schemas";

export interface InstanceRef {
  tenantId: string;
  instanceId: string;
}

export async function recordHeartbeat(db: Db, ref: InstanceRef, input: HeartbeatInput) {
  const now = new Date();
  await db.instance.update({
    where: { id: ref.instanceId },
    data: {
      lastSeenAt: now,
      ...(input.hostKind ? { hostKind: input.hostKind } : {}),
      ...(input.hostVersion !== undefined ? { hostVersion: input.hostVersion } : {}),
      ...(input.pluginVersion !== undefined ? { pluginVersion: input.pluginVersion } : {}),
      ...(input.uptimeSec !== undefined ? { uptimeSec: input.uptimeSec } : {}),
      ...(input.lastError !== undefined ? { lastError: input.lastError } : {}),
    },
  });
  return { ok: true as const, serverTime: now };
}

const peerKinds: Record<"group" | "dm" | "channel", PeerKind> = { group: "GROUP", dm: "DM", channel: "CHANNEL" };

/**
 * Upserts what the host knows. Names from the host only fill gaps: an agent still named after
 * its id, a missing emoji, a channel without a name. Anything an admin set in BaaS stays.
 */
export async function reportInventory(db: Db, ref: InstanceRef, input: ReportInventoryInput) {
  const now = new Date();
  for (const a of input.agents) {
    const externalId = a.externalId.toLowerCase();
    const where = { tenantId_externalId: { tenantId: ref.tenantId, externalId } };
    const existing = await db.agent.findUnique({ where, select: { id: true, name: true, emoji: true, model: true } });
    if (!existing) {
      await db.agent.create({
        data: {
          tenantId: ref.tenantId,
          instanceId: ref.instanceId,
          externalId,
          name: a.name || externalId,
          emoji: a.emoji ?? null,
          model: a.model ?? null,
          lastSeenAt: now,
        },
      });
      continue;
    }
    await db.agent.update({
      where,
      data: {
        instanceId: ref.instanceId,
        lastSeenAt: now,
        ...(a.name && existing.name === externalId ? { name: a.name } : {}),
        ...(a.emoji && !existing.emoji ? { emoji: a.emoji } : {}),
        ...(a.model && !existing.model ? { model: a.model } : {}),
      },
    });
  }
  for (const c of input.channels) {
    const key = { tenantId: ref.tenantId, provider: c.provider, peerKind: peerKinds[c.peerKind], externalId: c.externalId };
    const existing = await db.channel.findUnique({
      where: { tenantId_provider_peerKind_externalId: key },
      select: { id: true, name: true },
    });
    if (!existing) {
      await db.channel.create({ data: { ...key, instanceId: ref.instanceId, name: c.name ?? null, lastSeenAt: now } });
      continue;
    }
    await db.channel.update({
      where: { id: existing.id },
      data: { instanceId: ref.instanceId, lastSeenAt: now, ...(c.name && !existing.name ? { name: c.name } : {}) },
    });
  }
  return { agents: input.agents.length, channels: input.channels.length };
}

async function desiredRevision(db: Db, ref: InstanceRef): Promise<ConfigRevisionView | null> {
  const row = await db.configRevision.findFirst({
    where: { tenantId: ref.tenantId, instanceId: ref.instanceId, status: { not: "SUPERSEDED" } },
    orderBy: { version: "desc" },
    select: { id: true, version: true, hash: true, config: true, status: true, createdAt: true },
  });
  return row ? { ...row, config: row.config as unknown } : null;
}

const POLL_INTERVAL_MS = 1000;

/**
 * The newest non-superseded revision. With `knownHash` equal to it, waits up to `waitMs` for a
 * newer one (long-poll), then answers `changed: false`.
 */
export async function pullConfig(db: Db, ref: InstanceRef, input: PullConfigInput, signal?: AbortSignal) {
  const deadline = Date.now() + (input.waitMs ?? 0);
  for (;;) {
    const revision = await desiredRevision(db, ref);
    const changed = !revision ? false : revision.hash !== input.knownHash;
    if (changed || Date.now() + POLL_INTERVAL_MS > deadline || signal?.aborted) return { revision, changed };
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }
}

/** Records the host's verdict on a revision, on the revision, the instance and the audit log. */
export async function ackConfig(db: Db, ref: InstanceRef, input: AckConfigInput) {
  const revision = await db.configRevision.findFirst({
    where: { id: input.revisionId, tenantId: ref.tenantId, instanceId: ref.instanceId },
    select: { id: true, version: true, hash: true },
  });
  if (!revision) throw new AppError("NOT_FOUND", "Config revision not found for this instance");
  const applied = input.status === "applied";
  const status = applied ? ("APPLIED" as const) : ("FAILED" as const);
  const error = applied ? null : (input.error ?? "The host rejected the revision");
  await db.$transaction(async (tx) => {
    await tx.configRevision.update({
      where: { id: revision.id },
      data: { status, error, hostHash: input.hostHash ?? null, appliedAt: applied ? new Date() : null },
    });
    if (applied) {
      await tx.instance.update({
        where: { id: ref.instanceId },
        data: { appliedRevisionId: revision.id, appliedHostHash: input.hostHash ?? null, lastError: null },
      });
    } else {
      await tx.instance.update({ where: { id: ref.instanceId }, data: { lastError: `Config v${revision.version}: ${error}` } });
    }
    await tx.auditLog.create({
      data: {
        tenantId: ref.tenantId,
        actorKind: "instance",
        action: applied ? "config.applied" : "config.failed",
        entityType: "ConfigRevision",
        entityId: revision.id,
        after: { instanceId: ref.instanceId, version: revision.version, hash: revision.hash, hostHash: input.hostHash ?? null, error },
      },
    });
  });
  return { revisionId: revision.id, status };
}

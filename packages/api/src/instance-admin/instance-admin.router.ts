import { randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError } from "@baas/db";
import { writeAudit } from "../audit/audit-log";
import { publishRevisions } from "../config-revision/publish";
import { revisionChanges } from "../config-revision/revision-changes";
import { instanceNameSchema } from "./instance-admin.schemas";
import { actorOf } from "../lib-app/tenant-procedure-helpers";
import { ONLINE_WINDOW_MS } from "../agent/agent.service";
import { createTRPCRouter, hashInstanceKey, tenantProcedure } from "../trpc";

const instanceSelect = {
  id: true, name: true, keyPrefix: true, hostKind: true, hostVersion: true, pluginVersion: true, lastSeenAt: true,
  uptimeSec: true, lastError: true, revokedAt: true, createdAt: true, appliedHostHash: true,
  appliedRevision: { select: { id: true, version: true, hash: true, appliedAt: true } },
} as const;

/**
 * One status a person can read: online / offline / never connected / revoked, and only when
 * online whether it runs the latest published change ("behind" means it has not applied it yet).
 */
function statusOf(i: { lastSeenAt: Date | null; revokedAt: Date | null }, pending: boolean, now: number) {
  const state = i.revokedAt ? "revoked" : !i.lastSeenAt ? "never" : now - i.lastSeenAt.getTime() < ONLINE_WINDOW_MS ? "online" : "offline";
  return { state, config: state === "online" ? (pending ? "behind" : "up-to-date") : null } as const;
}

const newKey = () => `baas_inst_${randomBytes(24).toString("base64url")}`;

export const instanceAdminRouter = createTRPCRouter({
  list: tenantProcedure("VIEWER").query(async ({ ctx }) => {
    const rows = await ctx.db.instance.findMany({ where: { tenantId: ctx.tenant.tenantId }, orderBy: { createdAt: "asc" }, select: instanceSelect });
    const pending = await ctx.db.configRevision.findMany({
      where: { tenantId: ctx.tenant.tenantId, status: "PENDING" },
      select: { id: true, instanceId: true, version: true, createdAt: true, summary: true },
    });
    const now = (ctx.services.clock?.() ?? new Date()).getTime();
    const out = [];
    for (const r of rows) {
      const found = pending.find((p) => p.instanceId === r.id);
      // What is waiting, as data the page words in the reader's language.
      const pendingRevision = found ? { ...found, changes: (await revisionChanges(ctx.db, ctx.tenant.tenantId, r.id, [found.version])).get(found.version) ?? null } : null;
      out.push({ ...r, pendingRevision, status: statusOf(r, Boolean(pendingRevision), now) });
    }
    return out;
  }),
  get: tenantProcedure("VIEWER")
    .input(z.object({ instanceId: z.string().min(1) }))
    .query(async ({ ctx, input }) => {
      const inst = await ctx.db.instance.findFirst({ where: { id: input.instanceId, tenantId: ctx.tenant.tenantId }, select: instanceSelect });
      if (!inst) throw new AppError("NOT_FOUND", "Instance not found");
      const pendingRevision = await ctx.db.configRevision.findFirst({ where: { instanceId: inst.id, status: "PENDING" }, select: { id: true, version: true, createdAt: true, summary: true } });
      return { ...inst, pendingRevision, status: statusOf(inst, Boolean(pendingRevision), (ctx.services.clock?.() ?? new Date()).getTime()) };
    }),
  /** The only time the instance key is ever shown: it is stored as a SHA-256 hash. */
  create: tenantProcedure("ADMIN")
    .input(z.object({ name: instanceNameSchema }))
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const actor = actorOf(ctx);
        const key = newKey();
        const inst = await tx.instance.create({
          data: { tenantId: actor.tenantId, name: input.name, keyHash: hashInstanceKey(key), keyPrefix: key.slice(0, 14) },
          select: { id: true, name: true, keyPrefix: true },
        });
        await writeAudit(tx, actor, { action: "instance.create", entityType: "Instance", entityId: inst.id, after: inst });
        await publishRevisions(tx, actor, "Initial config", ctx.services.clock?.() ?? new Date(), { seal: true });
        return { ...inst, key };
      }),
    ),
  /** A lost key is replaced: the old one stops working at once, the new one is shown this once. */
  rotateKey: tenantProcedure("ADMIN")
    .input(z.object({ instanceId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const actor = actorOf(ctx);
      const key = newKey();
      return ctx.db.$transaction(async (tx) => {
        const res = await tx.instance.updateMany({ where: { id: input.instanceId, tenantId: actor.tenantId, revokedAt: null }, data: { keyHash: hashInstanceKey(key), keyPrefix: key.slice(0, 14) } });
        if (!res.count) throw new AppError("NOT_FOUND", "Bot not found");
        const inst = await tx.instance.findUniqueOrThrow({ where: { id: input.instanceId }, select: { id: true, name: true, keyPrefix: true } });
        await writeAudit(tx, actor, { action: "instance.rotateKey", entityType: "Instance", entityId: inst.id, after: { keyPrefix: inst.keyPrefix }, summary: `Issued a new key for ${inst.name}` });
        return { ...inst, key };
      });
    }),
  revoke: tenantProcedure("ADMIN")
    .input(z.object({ instanceId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const actor = actorOf(ctx);
      const res = await ctx.db.instance.updateMany({ where: { id: input.instanceId, tenantId: actor.tenantId, revokedAt: null }, data: { revokedAt: new Date() } });
      if (!res.count) throw new AppError("NOT_FOUND", "Instance not found");
      await writeAudit(ctx.db, actor, { action: "instance.revoke", entityType: "Instance", entityId: input.instanceId });
      return { ok: true as const };
    }),
});

import { randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError } from "@baas/db";
import { writeAudit } from "../audit/audit-log";
import { publishRevisions } from "../config-revision/publish";
import { actorOf } from "../lib-app/tenant-procedure-helpers";
import { createTRPCRouter, hashInstanceKey, tenantProcedure } from "../trpc";

const instanceSelect = {
  id: true, name: true, keyPrefix: true, hostKind: true, hostVersion: true, pluginVersion: true, lastSeenAt: true,
  uptimeSec: true, lastError: true, revokedAt: true, createdAt: true, appliedHostHash: true,
  appliedRevision: { select: { id: true, version: true, hash: true, appliedAt: true } },
} as const;

export const instanceAdminRouter = createTRPCRouter({
  list: tenantProcedure("VIEWER").query(async ({ ctx }) => {
    const rows = await ctx.db.instance.findMany({ where: { tenantId: ctx.tenant.tenantId }, orderBy: { createdAt: "asc" }, select: instanceSelect });
    const pending = await ctx.db.configRevision.findMany({
      where: { tenantId: ctx.tenant.tenantId, status: "PENDING" },
      select: { id: true, instanceId: true, version: true, createdAt: true, summary: true },
    });
    return rows.map((r) => ({ ...r, pendingRevision: pending.find((p) => p.instanceId === r.id) ?? null }));
  }),
  get: tenantProcedure("VIEWER")
    .input(z.object({ instanceId: z.string().min(1) }))
    .query(async ({ ctx, input }) => {
      const inst = await ctx.db.instance.findFirst({ where: { id: input.instanceId, tenantId: ctx.tenant.tenantId }, select: instanceSelect });
      if (!inst) throw new AppError("NOT_FOUND", "Instance not found");
      const pendingRevision = await ctx.db.configRevision.findFirst({ where: { instanceId: inst.id, status: "PENDING" }, select: { id: true, version: true, createdAt: true, summary: true } });
      return { ...inst, pendingRevision };
    }),
  /** The only time the instance key is ever shown: it is stored as a SHA-256 hash. */
  create: tenantProcedure("ADMIN")
    .input(z.object({ name: z.string().trim().min(1, "Name is required").max(80) }))
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const actor = actorOf(ctx);
        const key = `baas_inst_${randomBytes(24).toString("base64url")}`;
        const inst = await tx.instance.create({
          data: { tenantId: actor.tenantId, name: input.name, keyHash: hashInstanceKey(key), keyPrefix: key.slice(0, 14) },
          select: { id: true, name: true, keyPrefix: true },
        });
        await writeAudit(tx, actor, { action: "instance.create", entityType: "Instance", entityId: inst.id, after: inst });
        await publishRevisions(tx, actor, "Initial config");
        return { ...inst, key };
      }),
    ),
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

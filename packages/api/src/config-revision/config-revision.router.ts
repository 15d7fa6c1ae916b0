import { z } from "zod";
import { AppError } from "@baas/db";
import { writeAudit } from "../audit/audit-log";
import { actorOf } from "../lib-app/tenant-procedure-helpers";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { publishRevisions, rollbackTo } from "./publish";
import { revisionChanges } from "./revision-changes";

/** The audit log shows what a rollback put back in words people know (agent ids, group names). */
function restoredForPeople(version: number, to: number, r: { policies: boolean; agents: string[]; channels: string[]; bindings: number }) {
  const list = (xs: string[]) => (xs.length ? xs.join(", ") : "unchanged");
  return { version, rolledBackTo: `v${to}`, agents: list(r.agents), groups: list(r.channels), bindings: r.bindings ? `${r.bindings} changed` : "unchanged", policies: r.policies ? "restored" : "unchanged" };
}

export const configRevisionRouter = createTRPCRouter({
  list: tenantProcedure("VIEWER")
    .input(z.object({ instanceId: z.string().min(1), take: z.number().int().min(1).max(200).default(50) }))
    .query(async ({ ctx, input }) => {
      const inst = await ctx.db.instance.findFirst({ where: { id: input.instanceId, tenantId: ctx.tenant.tenantId }, select: { id: true } });
      if (!inst) throw new AppError("NOT_FOUND", "Instance not found");
      const revs = await ctx.db.configRevision.findMany({
        where: { instanceId: inst.id },
        orderBy: { version: "desc" },
        take: input.take,
        select: { id: true, version: true, status: true, summary: true, hash: true, error: true, appliedAt: true, createdAt: true, rollbackOfId: true, createdBy: { select: { email: true } } },
      });
      // What changed, as items the page words in the reader's language (the summary stays English).
      const changes = await revisionChanges(ctx.db, ctx.tenant.tenantId, inst.id, revs.map((r) => r.version));
      return revs.map((r) => ({ ...r, changes: r.rollbackOfId ? null : (changes.get(r.version) ?? null) }));
    }),
  get: tenantProcedure("VIEWER")
    .input(z.object({ revisionId: z.string().min(1) }))
    .query(async ({ ctx, input }) => {
      const rev = await ctx.db.configRevision.findFirst({ where: { id: input.revisionId, tenantId: ctx.tenant.tenantId } });
      if (!rev) throw new AppError("NOT_FOUND", "Revision not found");
      return rev;
    }),
  rollback: tenantProcedure("ADMIN")
    .input(z.object({ revisionId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const actor = actorOf(ctx);
      // Restored settings, the new revision and the audit entry commit together or not at all.
      const result = await ctx.db.$transaction(async (tx) => {
        const { revision: rev, restored, exact, rolledBackTo: old } = await rollbackTo(tx, actor, input.revisionId);
        await writeAudit(tx, actor, { action: "config.rollback", entityType: "ConfigRevision", entityId: rev.id, after: restoredForPeople(rev.version, old, restored) });
        return { id: rev.id, version: rev.version, status: rev.status, exact, restored };
      });
      ctx.services.gateway?.invalidate(actor.tenantId);
      return result;
    }),
  /** Re-publishes from the current settings (e.g. for an instance that lost its config). */
  republish: tenantProcedure("ADMIN").mutation(({ ctx }) =>
    ctx.db.$transaction(async (tx) => {
      const revs = await publishRevisions(tx, actorOf(ctx), "Re-published current settings", ctx.services.clock?.() ?? new Date(), { seal: true });
      return { created: revs.length };
    }),
  ),
});

import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { assertAgentRoom } from "../billing/entitlements";
import { actorOf, saveConfig } from "../lib-app/tenant-procedure-helpers";
import { agentCreateSchema, agentFieldsSchema, externalIdSchema } from "./agent.schemas";
import { agentTemplates } from "./agent-templates";
import { applyRule } from "../binding/binding-rule";
import { archiveAgent, createAgent, duplicateAgent, findAgent, listAgents, listEnabledModels, updateAgent } from "./agent.service";

export const agentRouter = createTRPCRouter({
  list: tenantProcedure("VIEWER").query(({ ctx }) => listAgents(ctx.db, actorOf(ctx), ctx.services.clock?.() ?? new Date())),
  get: tenantProcedure("VIEWER")
    .input(z.object({ agentId: z.string().min(1) }))
    .query(({ ctx, input }) => findAgent(ctx.db, actorOf(ctx), input.agentId)),
  models: tenantProcedure("VIEWER").query(({ ctx }) => listEnabledModels(ctx.db)),
  templates: tenantProcedure("VIEWER").query(() => agentTemplates),
  create: tenantProcedure("MEMBER")
    .input(agentCreateSchema)
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      return saveConfig(ctx, actor, async (tx) => {
        const agent = await createAgent(tx, actor, input);
        // Bound in the same transaction: the hosts get one revision with the agent and its chats.
        for (const target of input.answers ?? []) await applyRule(tx, actor, agent.id, target);
        return { result: agent, audit: { action: "agent.create", entityType: "Agent", entityId: agent.id, after: agent, summary: `Created the agent ${agent.name}` } };
      });
    }),
  update: tenantProcedure("MEMBER")
    .input(agentFieldsSchema.extend({ agentId: z.string().min(1) }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      const { agentId, tenantId: _t, ...fields } = input;
      return saveConfig(ctx, actor, async (tx) => {
        const { before, after } = await updateAgent(tx, actor, agentId, fields);
        return { result: after, audit: { action: "agent.update", entityType: "Agent", entityId: after.id, before, after, summary: `Changed the agent ${after.name}` } };
      });
    }),
  duplicate: tenantProcedure("MEMBER")
    .input(z.object({ agentId: z.string().min(1), externalId: externalIdSchema }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      return saveConfig(ctx, actor, async (tx) => {
        const agent = await duplicateAgent(tx, actor, input.agentId, input.externalId);
        return { result: agent, audit: { action: "agent.duplicate", entityType: "Agent", entityId: agent.id, after: agent, summary: `Created the agent ${agent.name}` } };
      });
    }),
  setEnabled: tenantProcedure("ADMIN")
    .input(z.object({ agentId: z.string().min(1), enabled: z.boolean() }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      return saveConfig(ctx, actor, async (tx) => {
        const before = await findAgent(tx, actor, input.agentId);
        if (input.enabled && !before.enabled) await assertAgentRoom(tx, actor.tenantId);
        const after = await tx.agent.update({ where: { id: before.id }, data: { enabled: input.enabled } });
        return { result: after, audit: { action: input.enabled ? "agent.enable" : "agent.disable", entityType: "Agent", entityId: after.id, before: { enabled: before.enabled }, after: { enabled: after.enabled }, summary: `${after.name} switched ${input.enabled ? "on" : "off"}` } };
      });
    }),
  archive: tenantProcedure("ADMIN")
    .input(z.object({ agentId: z.string().min(1) }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx);
      return saveConfig(ctx, actor, async (tx) => {
        const { agent, bindingsRemoved } = await archiveAgent(tx, actor, input.agentId);
        const result = { ok: true as const, bindingsRemoved };
        return { result, audit: { action: "agent.archive", entityType: "Agent", entityId: agent.id, before: { externalId: agent.externalId, enabled: agent.enabled }, summary: `Archived the agent ${agent.name}; it no longer answers in ${bindingsRemoved} place(s)` } };
      });
    }),
});

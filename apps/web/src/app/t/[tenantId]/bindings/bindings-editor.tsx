"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { bindingPatternSchema } from "@baas/api/schemas";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input, Select } from "~/components/ui/input";
import { Badge, Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

const patternForm = z.object({ pattern: bindingPatternSchema, agentId: z.string().min(1, "Pick an agent") });

export function BindingsEditor({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { data: overview } = useSuspenseQuery(trpc.binding.overview.queryOptions({ tenantId }));
  const { data: channels } = useSuspenseQuery(trpc.channel.list.queryOptions({ tenantId }));
  const { data: agents } = useSuspenseQuery(trpc.agent.list.queryOptions({ tenantId }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canEdit = tenant.myRole === "OWNER" || tenant.myRole === "ADMIN";
  const [error, setError] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([trpc.binding.overview, trpc.channel.list, trpc.agent.list].map((p) => qc.invalidateQueries({ queryKey: p.queryKey({ tenantId }) })));
  const onError = (e: { message: string }) => setError(e.message);
  const create = useMutation(trpc.binding.create.mutationOptions({ onSettled: refresh, onError }));
  const reassign = useMutation(trpc.binding.reassign.mutationOptions({ onSettled: refresh, onError }));
  const remove = useMutation(trpc.binding.delete.mutationOptions({ onSettled: refresh, onError }));
  const byChannel = new Map(overview.bindings.filter((b) => b.channelId).map((b) => [b.channelId!, b]));
  const patterns = overview.bindings.filter((b) => b.pattern);

  const route = (channelId: string, agentId: string) => {
    setError(null);
    const existing = byChannel.get(channelId);
    if (!agentId && existing) return remove.mutate({ tenantId, bindingId: existing.id });
    if (!agentId) return;
    if (existing) reassign.mutate({ tenantId, bindingId: existing.id, agentId });
    else create.mutate({ tenantId, channelId, agentId });
  };

  return (
    <>
      <PageHeader title="Bindings" description="Which agent answers in each group or DM. The most specific match wins: a group binding beats a pattern." />
      {overview.issues.length ? (
        <Card className="mb-6 border-amber-300 bg-amber-50">
          <h2 className="mb-2 font-medium text-amber-900">Needs attention ({overview.issues.length})</h2>
          <ul className="list-disc space-y-1 pl-5 text-sm text-amber-900" aria-label="Binding problems">
            {overview.issues.map((i, n) => <li key={n}>{i.message}</li>)}
          </ul>
        </Card>
      ) : (
        <p className="mb-6 text-sm text-emerald-700">Every group has an agent and every route works.</p>
      )}
      <ErrorNote message={error} />
      <Card className="mt-2">
        <h2 className="mb-3 font-medium">Groups</h2>
        <ul className="divide-y divide-slate-100" aria-label="Group routes">
          {channels.map((c) => {
            const b = byChannel.get(c.id);
            const label = c.name ?? c.externalId;
            return (
              <li key={c.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <p className="font-medium">{label} {!b ? <Badge tone="amber">unbound</Badge> : null} {c.policy === "BLOCKED" ? <Badge tone="red">blocked</Badge> : null}</p>
                  <p className="truncate text-xs text-slate-500">{c.provider} · {c.externalId}</p>
                </div>
                <Select aria-label={`Agent for ${label}`} className="sm:w-64" disabled={!canEdit} value={b?.agentId ?? ""} onChange={(e) => route(c.id, e.target.value)}>
                  <option value="">— nobody —</option>
                  {agents.map((a) => <option key={a.id} value={a.id}>{a.emoji ?? "🤖"} {a.name}{a.enabled ? "" : " (disabled)"}</option>)}
                </Select>
              </li>
            );
          })}
        </ul>
      </Card>
      <Card className="mt-6">
        <h2 className="mb-3 font-medium">DM and fallback patterns</h2>
        <ul className="mb-4 divide-y divide-slate-100" aria-label="Pattern routes">
          {patterns.length === 0 ? <li className="py-2 text-sm text-slate-500">No patterns. DMs go to Clawdbot's default agent.</li> : null}
          {patterns.map((b) => (
            <li key={b.id} className="flex items-center justify-between gap-2 py-2 text-sm">
              <code className="truncate">{b.pattern}</code>
              <span className="flex items-center gap-2">→ {b.agent.emoji} {b.agent.name}
                {canEdit ? <Button size="sm" variant="danger" aria-label={`Remove ${b.pattern}`} onClick={() => remove.mutate({ tenantId, bindingId: b.id })}>Remove</Button> : null}
              </span>
            </li>
          ))}
        </ul>
        {canEdit ? <PatternForm tenantId={tenantId} agents={agents} onDone={refresh} /> : null}
      </Card>
    </>
  );
}

function PatternForm({ tenantId, agents, onDone }: { tenantId: string; agents: Array<{ id: string; name: string }>; onDone: () => unknown }) {
  const trpc = useTRPC();
  const form = useForm<z.infer<typeof patternForm>>({ resolver: zodResolver(patternForm), mode: "onChange", defaultValues: { pattern: "whatsapp:dm:*", agentId: "" } });
  const create = useMutation(trpc.binding.create.mutationOptions({ onSuccess: () => { form.reset(); return onDone(); }, onError: (e) => form.setError("pattern", { message: e.message }) }));
  const e = form.formState.errors;
  return (
    <form className="grid gap-3 sm:grid-cols-[1fr_14rem_auto] sm:items-end" noValidate aria-label="Add pattern" onSubmit={form.handleSubmit((v) => create.mutate({ tenantId, ...v }))}>
      <Field id="pattern" label="Pattern" error={e.pattern?.message}>
        <Input id="pattern" aria-invalid={Boolean(e.pattern)} {...form.register("pattern")} />
      </Field>
      <Field id="pattern-agent" label="Agent" error={e.agentId?.message}>
        <Select id="pattern-agent" {...form.register("agentId")}>
          <option value="">Pick…</option>
          {agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </Select>
      </Field>
      <Button type="submit" disabled={create.isPending}>Add</Button>
    </form>
  );
}

"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { externalIdSchema } from "@baas/api/schemas";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { Badge, ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

export function AgentsList({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const { data: agents } = useSuspenseQuery(trpc.agent.list.queryOptions({ tenantId }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canEdit = tenant.myRole !== "VIEWER";
  return (
    <>
      <PageHeader
        title="Agents"
        description="Each agent is a Clawdbot bot: its identity, model, prompt and skills."
        actions={canEdit ? <Link href={`/t/${tenantId}/agents/new`} className="inline-flex h-10 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700">New agent</Link> : null}
      />
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Agents">
        {agents.length === 0 ? <li className="text-sm text-slate-500">No agents yet.</li> : null}
        {agents.map((a) => (
          <li key={a.id} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div className="flex items-start justify-between gap-2">
              <div className="flex min-w-0 items-center gap-3">
                <span className="flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xl" aria-hidden>
                  {a.avatarUrl ? <img src={a.avatarUrl} alt="" className="h-10 w-10 rounded-full object-cover" /> : (a.emoji ?? "🤖")}
                </span>
                <div className="min-w-0">
                  <p className="truncate font-medium">{a.name}</p>
                  <p className="truncate text-xs text-slate-500">{a.externalId}</p>
                </div>
              </div>
              <Badge tone={a.online ? "green" : "gray"} aria-label={a.online ? "online" : "offline"}>
                <span className={a.online ? "h-1.5 w-1.5 rounded-full bg-emerald-500" : "h-1.5 w-1.5 rounded-full bg-slate-400"} />
                {a.online ? "online" : "offline"}
              </Badge>
            </div>
            <dl className="grid grid-cols-2 gap-1 text-xs text-slate-600">
              <dt>Model</dt>
              <dd className="truncate font-mono text-slate-900">{a.model ?? "default"}</dd>
              <dt>Bindings</dt>
              <dd>{a._count.bindings}</dd>
              <dt>Skills</dt>
              <dd className="truncate">{a.skills.length ? a.skills.join(", ") : "none"}</dd>
            </dl>
            {!a.enabled ? <Badge tone="amber" className="self-start">disabled</Badge> : null}
            <div className="mt-auto flex gap-2">
              <Link href={`/t/${tenantId}/agents/${a.id}`} className="inline-flex h-8 items-center rounded-md border border-slate-300 px-2.5 text-sm font-medium hover:bg-slate-50" aria-label={`Edit ${a.name}`}>
                {canEdit ? "Edit" : "View"}
              </Link>
              {canEdit ? <DuplicateAgent tenantId={tenantId} agentId={a.id} name={a.name} externalId={a.externalId} /> : null}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

function DuplicateAgent({ tenantId, agentId, name, externalId }: { tenantId: string; agentId: string; name: string; externalId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [id, setId] = useState(`${externalId}-copy`);
  const check = externalIdSchema.safeParse(id);
  const dup = useMutation(
    trpc.agent.duplicate.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await qc.invalidateQueries({ queryKey: trpc.agent.list.queryKey({ tenantId }) });
      },
    }),
  );
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button size="sm" variant="secondary" aria-label={`Duplicate ${name}`}>
          Duplicate
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/30" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[90vw] max-w-sm -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Duplicate {name}</Dialog.Title>
          <Dialog.Description className="text-sm text-slate-600">Copies identity, model, prompt and skills. Bindings stay with the original.</Dialog.Description>
          <Field id="dup-id" label="New agent id" error={check.success ? undefined : check.error.issues[0]?.message}>
            <Input id="dup-id" value={id} onChange={(e) => setId(e.target.value)} aria-invalid={!check.success} />
          </Field>
          <ErrorNote message={dup.error?.message} />
          <div className="flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary">Cancel</Button>
            </Dialog.Close>
            <Button disabled={!check.success || dup.isPending} onClick={() => dup.mutate({ tenantId, agentId, externalId: id })}>
              Duplicate
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

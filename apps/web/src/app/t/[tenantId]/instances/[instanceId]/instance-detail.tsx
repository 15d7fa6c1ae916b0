"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Badge, Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { OnlineBadge } from "../status";

const tone = { PENDING: "blue", APPLIED: "green", FAILED: "red", SUPERSEDED: "gray" } as const;

export function InstanceDetail({ tenantId, instanceId }: { tenantId: string; instanceId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { data: inst } = useSuspenseQuery(trpc.instanceAdmin.get.queryOptions({ tenantId, instanceId }));
  const { data: revisions } = useSuspenseQuery(trpc.configRevision.list.queryOptions({ tenantId, instanceId, take: 50 }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canManage = tenant.myRole === "OWNER" || tenant.myRole === "ADMIN";
  const [open, setOpen] = useState<string | null>(null);
  // A rollback restores agents, groups and bindings too: every cached page is stale afterwards.
  const rollback = useMutation(trpc.configRevision.rollback.mutationOptions({ onSettled: () => qc.invalidateQueries() }));
  return (
    <>
      <PageHeader title={inst.name} description={`key ${inst.keyPrefix}… · ${inst.hostKind.toLowerCase()} ${inst.hostVersion ?? ""}`} actions={<Link className="text-sm underline" href={`/t/${tenantId}/instances`}>All instances</Link>} />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Card><p className="text-xs text-slate-500">Status</p><div className="mt-1"><OnlineBadge lastSeenAt={inst.lastSeenAt} revokedAt={inst.revokedAt} /></div></Card>
        <Card><p className="text-xs text-slate-500">Applied revision</p><p className="mt-1 font-medium" data-testid="applied-revision">{inst.appliedRevision ? `v${inst.appliedRevision.version}` : "none yet"}</p></Card>
        <Card className="col-span-2 sm:col-span-1"><p className="text-xs text-slate-500">Pending revision</p><p className="mt-1 font-medium" data-testid="pending-revision">{inst.pendingRevision ? `v${inst.pendingRevision.version} — ${inst.pendingRevision.summary ?? ""}` : "none"}</p></Card>
      </div>
      {inst.lastError ? <div className="mt-3"><ErrorNote message={`Last error: ${inst.lastError}`} /></div> : null}
      <ErrorNote message={rollback.error?.message} />
      <h2 className="mb-2 mt-6 font-medium">Revisions</h2>
      <ol className="space-y-2" aria-label="Revisions">
        {revisions.map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`revision-v${r.version}`}>
            <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="font-medium">v{r.version} <Badge tone={tone[r.status]}>{r.status.toLowerCase()}</Badge> {inst.appliedRevision?.id === r.id ? <Badge tone="green">current</Badge> : null}</p>
                <p className="break-words text-xs text-slate-500 sm:truncate">{r.summary} · {r.createdBy?.email ?? "system"} · {r.createdAt.toISOString().slice(0, 16).replace("T", " ")} · {r.hash.slice(0, 12)}</p>
                {r.error ? <p className="text-xs text-red-700">{r.error}</p> : null}
              </div>
              <div className="flex gap-2">
                <Button size="sm" variant="ghost" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>{open === r.id ? "Hide config" : "Show config"}</Button>
                {canManage && r.version !== revisions[0]?.version ? (
                  <ConfirmRollback version={r.version} pending={rollback.isPending} onConfirm={() => rollback.mutate({ tenantId, revisionId: r.id })} />
                ) : null}
              </div>
            </div>
            {open === r.id ? <RevisionConfig tenantId={tenantId} revisionId={r.id} /> : null}
          </li>
        ))}
        {revisions.length === 0 ? <li className="text-sm text-slate-500">No revisions yet: save something on the Agents, Groups or Bindings pages.</li> : null}
      </ol>
    </>
  );
}

function RevisionConfig({ tenantId, revisionId }: { tenantId: string; revisionId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.configRevision.get.queryOptions({ tenantId, revisionId }));
  if (!q.data) return <p className="mt-2 text-xs text-slate-500">Loading…</p>;
  return <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(q.data.config, null, 2)}</pre>;
}

/** A rollback rewrites the saved settings of the whole team, so it says so before it happens. */
function ConfirmRollback({ version, pending, onConfirm }: { version: number; pending: boolean; onConfirm: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button size="sm" variant="secondary" disabled={pending} aria-label={`Roll back to v${version}`}>Roll back to this</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/30" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[90vw] max-w-sm -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Roll back to v{version}?</Dialog.Title>
          <Dialog.Description className="text-sm text-slate-600">
            Agents, groups, bindings and DM/group policies go back to how they were saved at v{version}; agents created since are disabled. The instance gets this as a new revision.
          </Dialog.Description>
          <div className="flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary">Cancel</Button>
            </Dialog.Close>
            <Button disabled={pending} onClick={() => { setOpen(false); onConfirm(); }}>Roll back</Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

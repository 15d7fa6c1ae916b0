"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Badge, Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { OnlineBadge } from "./status";

export function InstancesList({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { data: instances } = useSuspenseQuery(trpc.instanceAdmin.list.queryOptions({ tenantId }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canManage = tenant.myRole === "OWNER" || tenant.myRole === "ADMIN";
  const [name, setName] = useState("");
  const create = useMutation(trpc.instanceAdmin.create.mutationOptions({ onSettled: () => qc.invalidateQueries({ queryKey: trpc.instanceAdmin.list.queryKey({ tenantId }) }) }));
  return (
    <>
      <PageHeader title="Instances" description="Clawdbot / OpenClaw gateways running the BaaS plugin, and the config each one has applied." />
      <ul className="grid gap-3 md:grid-cols-2" aria-label="Instances">
        {instances.length === 0 ? <li className="text-sm text-slate-500">No instances yet.</li> : null}
        {instances.map((i) => (
          <li key={i.id}>
            <Card className="space-y-2">
              <div className="flex items-center justify-between gap-2">
                <Link href={`/t/${tenantId}/instances/${i.id}`} className="font-medium underline-offset-2 hover:underline">{i.name}</Link>
                <OnlineBadge lastSeenAt={i.lastSeenAt} revokedAt={i.revokedAt} />
              </div>
              <p className="text-sm text-slate-600">
                Applied: {i.appliedRevision ? `v${i.appliedRevision.version}` : "nothing yet"} ·{" "}
                {i.pendingRevision ? <Badge tone="blue">v{i.pendingRevision.version} pending</Badge> : "up to date"}
              </p>
              {i.lastError ? <p className="text-sm text-red-700">Last error: {i.lastError}</p> : null}
              <p className="text-xs text-slate-500">key {i.keyPrefix}… · {i.hostKind.toLowerCase()} {i.hostVersion ?? ""} · plugin {i.pluginVersion ?? "?"}</p>
            </Card>
          </li>
        ))}
      </ul>
      {canManage ? (
        <Card className="mt-6 space-y-3">
          <h2 className="font-medium">Connect a new instance</h2>
          <form className="flex flex-col gap-2 sm:flex-row" onSubmit={(e) => { e.preventDefault(); create.mutate({ tenantId, name }); }}>
            <label htmlFor="instance-name" className="sr-only">Instance name</label>
            <Input id="instance-name" placeholder="e.g. vm-deco-prod" value={name} onChange={(e) => setName(e.target.value)} />
            <Button type="submit" disabled={create.isPending || !name.trim()}>Create key</Button>
          </form>
          <ErrorNote message={create.error?.message} />
          {create.data ? (
            <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm">
              <p className="font-medium">Instance key for {create.data.name}: copy it now, it is shown only once.</p>
              <code className="mt-1 block break-all">{create.data.key}</code>
            </div>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}

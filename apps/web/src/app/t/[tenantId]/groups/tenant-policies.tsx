"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Select } from "~/components/ui/input";
import { Card, ErrorNote } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

const dmOptions = [["PAIRING", "Pairing (approve new people)"], ["ALLOWLIST", "Allowlist only"], ["OPEN", "Open to anyone"], ["DISABLED", "No DMs"]] as const;
const groupOptions = [["ALLOWLIST", "Only listed groups"], ["OPEN", "Any group"], ["DISABLED", "No groups"]] as const;

export function TenantPolicies({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const key = trpc.tenant.get.queryKey({ tenantId });
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canEdit = tenant.myRole === "OWNER" || tenant.myRole === "ADMIN";
  const save = useMutation(
    trpc.tenant.updatePolicies.mutationOptions({
      onMutate: async (input) => {
        const previous = qc.getQueryData(key);
        if (previous) qc.setQueryData(key, { ...previous, ...(input.dmPolicy ? { dmPolicy: input.dmPolicy } : {}), ...(input.groupPolicy ? { groupPolicy: input.groupPolicy } : {}) });
        return { previous };
      },
      onError: (_e, _i, c) => c?.previous && qc.setQueryData(key, c.previous),
      onSettled: () => qc.invalidateQueries({ queryKey: key }),
    }),
  );
  return (
    <Card className="mb-6 grid gap-4 sm:grid-cols-2" aria-label="Tenant chat policies">
      <div className="space-y-1">
        <label htmlFor="dm-policy" className="block text-sm font-medium">Direct messages</label>
        <Select id="dm-policy" disabled={!canEdit} value={tenant.dmPolicy} onChange={(e) => save.mutate({ tenantId, dmPolicy: e.target.value as (typeof dmOptions)[number][0] })}>
          {dmOptions.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </Select>
      </div>
      <div className="space-y-1">
        <label htmlFor="group-policy" className="block text-sm font-medium">Groups</label>
        <Select id="group-policy" disabled={!canEdit} value={tenant.groupPolicy} onChange={(e) => save.mutate({ tenantId, groupPolicy: e.target.value as (typeof groupOptions)[number][0] })}>
          {groupOptions.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </Select>
      </div>
      {save.error ? <div className="sm:col-span-2"><ErrorNote message={save.error.message} /></div> : null}
    </Card>
  );
}

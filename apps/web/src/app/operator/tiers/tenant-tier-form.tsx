"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input, Select } from "~/components/ui/input";
import { Card, ErrorNote } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

/** Puts one workspace on a plan without Stripe (pilots, contracts, corrections); audited with the reason. */
export function TenantTierForm({ tiers }: { tiers: Array<{ key: string; name: string }> }) {
  const trpc = useTRPC();
  const { data: tenants } = useQuery(trpc.tenant.mine.queryOptions());
  const [done, setDone] = useState<string | null>(null);
  const set = useMutation(trpc.operator.setTenantTier.mutationOptions({ onSuccess: (r) => setDone(`Moved to ${tiers.find((t) => t.key === r.tierKey)?.name ?? r.tierKey}.`) }));
  const submit = (ev: React.FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const d = new FormData(ev.currentTarget);
    setDone(null);
    set.mutate({ tenantId: String(d.get("tenantId") ?? ""), tierKey: String(d.get("tierKey") ?? ""), reason: String(d.get("reason") ?? "") });
  };
  return (
    <Card>
      <h2 className="mb-2 font-medium">A workspace&apos;s plan</h2>
      <form className="grid gap-3 sm:grid-cols-3" aria-label="Set a workspace's plan" onSubmit={submit}>
        <Field id="set-tier-tenant" label="Workspace">
          <Select id="set-tier-tenant" name="tenantId">{tenants?.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.slug})</option>)}</Select>
        </Field>
        <Field id="set-tier-tier" label="Plan">
          <Select id="set-tier-tier" name="tierKey">{tiers.map((t) => <option key={t.key} value={t.key}>{t.name}</option>)}</Select>
        </Field>
        <Field id="set-tier-reason" label="Reason (in the audit log)">
          <Input id="set-tier-reason" name="reason" placeholder="Pilot until March" />
        </Field>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
          <Button type="submit" disabled={set.isPending}>Set plan</Button>
          <p role="status" className="text-sm text-emerald-700">{done}</p>
          <ErrorNote message={set.error?.message} />
        </div>
      </form>
    </Card>
  );
}

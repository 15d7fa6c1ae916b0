"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
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
  const t = useTranslations("operator.tiers.tenant");
  const errorText = useErrorText();
  const set = useMutation(trpc.operator.setTenantTier.mutationOptions({ onSuccess: (r) => setDone(t("done", { name: tiers.find((x) => x.key === r.tierKey)?.name ?? r.tierKey })) }));
  const submit = (ev: React.FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const d = new FormData(ev.currentTarget);
    setDone(null);
    set.mutate({ tenantId: String(d.get("tenantId") ?? ""), tierKey: String(d.get("tierKey") ?? ""), reason: String(d.get("reason") ?? "") });
  };
  return (
    <Card>
      <h2 className="mb-2 font-medium">{t("title")}</h2>
      <form className="grid gap-3 sm:grid-cols-3" aria-label={t("label")} onSubmit={submit}>
        <Field id="set-tier-tenant" label={t("workspace")}>
          <Select id="set-tier-tenant" name="tenantId">{tenants?.map((x) => <option key={x.id} value={x.id}>{x.name} ({x.slug})</option>)}</Select>
        </Field>
        <Field id="set-tier-tier" label={t("plan")}>
          <Select id="set-tier-tier" name="tierKey">{tiers.map((x) => <option key={x.key} value={x.key}>{x.name}</option>)}</Select>
        </Field>
        <Field id="set-tier-reason" label={t("reason")}>
          <Input id="set-tier-reason" name="reason" placeholder={t("reasonPlaceholder")} />
        </Field>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
          <Button type="submit" disabled={set.isPending}>{t("submit")}</Button>
          <p role="status" className="text-sm text-emerald-700">{done}</p>
          <ErrorNote message={errorText(set.error)} />
        </div>
      </form>
    </Card>
  );
}

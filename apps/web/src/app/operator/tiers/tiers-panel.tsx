"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import type { RouterOutputs } from "@baas/api";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { applyServerError } from "~/components/app/server-errors";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input, Select } from "~/components/ui/input";
import { Badge, Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { NewTierForm } from "./new-tier-form";
import { TenantTierForm } from "./tenant-tier-form";

type Tier = RouterOutputs["operator"]["tiers"][number];
type Model = RouterOutputs["operator"]["models"][number];

// The form edits text (empty = unlimited); the server re-validates with updateTierInput.
const limit = (label: string) => z.string().trim().regex(/^\d*$/, `${label} must be a whole number, 0 or more (empty = unlimited)`);
const tierForm = z
  .object({
    priceMonthlyMinor: z.string().trim().regex(/^\d+$/, "Price must be a whole number of minor units (cents), 0 or more"),
    defaultModel: z.string().min(1, "Pick a default model"),
    allowedModels: z.array(z.string()).min(1, "Allow at least one model"),
    monthlyMessages: limit("Monthly messages"),
    maxGroups: limit("Max groups"),
    maxAgents: limit("Max agents"),
  })
  .superRefine((v, ctx) => {
    if (!v.allowedModels.includes(v.defaultModel)) ctx.addIssue({ code: "custom", path: ["defaultModel"], message: "The default model must be one of the allowed models" });
  });
type TierForm = z.infer<typeof tierForm>;
const FIELDS = ["priceMonthlyMinor", "defaultModel", "allowedModels", "monthlyMessages", "maxGroups", "maxAgents"] as const;

const orNull = (s: string) => (s.trim() === "" ? null : Number(s));
const str = (n: number | null) => (n === null ? "" : String(n));

export function TiersPanel() {
  const trpc = useTRPC();
  const { data: tiers } = useSuspenseQuery(trpc.operator.tiers.queryOptions());
  const { data: models } = useSuspenseQuery(trpc.operator.models.queryOptions());
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title="Tiers"
        description="What each plan includes. Limits left empty are unlimited; prices are in minor units (cents) of the tier's currency. Tenants see changes on their next request; a new price is a new Stripe Price (current subscribers keep theirs)."
        actions={adding ? null : <Button onClick={() => setAdding(true)}>New tier</Button>}
      />
      {tiers.length === 0 ? <Card>No tiers defined.</Card> : null}
      <div className="grid gap-6">
        {adding ? <NewTierForm models={models} onDone={() => setAdding(false)} /> : null}
        <TenantTierForm tiers={tiers} />
        {tiers.map((t) => <TierCard key={t.id} tier={t} models={models} />)}
      </div>
    </>
  );
}

function TierCard({ tier, models }: { tier: Tier; models: Model[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<TierForm>({
    resolver: zodResolver(tierForm),
    mode: "onChange",
    defaultValues: { priceMonthlyMinor: String(tier.priceMonthlyMinor), defaultModel: tier.defaultModel, allowedModels: tier.allowedModels, monthlyMessages: str(tier.monthlyMessages), maxGroups: str(tier.maxGroups), maxAgents: str(tier.maxAgents) },
  });
  const update = useMutation(
    trpc.operator.updateTier.mutationOptions({
      onSuccess: () => { setSaved(`Saved ${tier.name}.`); return qc.invalidateQueries({ queryKey: trpc.operator.tiers.queryKey() }); },
      onError: (e) => setFormError(applyServerError(e, form.setError, FIELDS)),
    }),
  );
  const submit = form.handleSubmit((v) => {
    setFormError(null);
    setSaved(null);
    update.mutate({ tierId: tier.id, priceMonthlyMinor: Number(v.priceMonthlyMinor), defaultModel: v.defaultModel, allowedModels: v.allowedModels, monthlyMessages: orNull(v.monthlyMessages), maxGroups: orNull(v.maxGroups), maxAgents: orNull(v.maxAgents) });
  });
  const e = form.formState.errors;
  const id = (f: string) => `tier-${tier.key}-${f}`;
  // Models no longer enabled stay listed so the operator sees (and can untick) them.
  const choices = [...models.map((m) => ({ model: m.model, label: m.displayName })), ...tier.allowedModels.filter((m) => !models.some((x) => x.model === m)).map((m) => ({ model: m, label: `${m} (disabled)` }))];
  return (
    <Card>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h2 className="text-lg font-medium">{tier.name}</h2>
        <Badge>{tier.key}</Badge>
        <Badge tone="blue">{tier.subscriptions} subscriptions</Badge>
        {tier.apiAccess ? <Badge tone="green">API access</Badge> : null}
        {tier.branding ? <Badge tone="green">branding</Badge> : null}
        {tier.prioritySupport ? <Badge tone="green">priority support</Badge> : null}
        {tier.stripePriceId ? <Badge tone="gray" title="Stripe Price new subscribers pay">{tier.stripePriceId}</Badge> : null}
      </div>
      <form className="grid gap-3 sm:grid-cols-3" noValidate aria-label={`Edit tier ${tier.name}`} onSubmit={submit}>
        <Field id={id("price")} label={`Monthly price (${tier.currency} minor units)`} error={e.priceMonthlyMinor?.message}>
          <Input id={id("price")} inputMode="numeric" aria-invalid={Boolean(e.priceMonthlyMinor)} {...form.register("priceMonthlyMinor")} />
        </Field>
        <Field id={id("default")} label="Default model" error={e.defaultModel?.message}>
          <Select id={id("default")} aria-invalid={Boolean(e.defaultModel)} {...form.register("defaultModel", { deps: ["allowedModels"] })}>
            {choices.map((m) => <option key={m.model} value={m.model}>{m.label}</option>)}
          </Select>
        </Field>
        <Field id={id("messages")} label="Monthly messages" error={e.monthlyMessages?.message} hint="Empty = unlimited">
          <Input id={id("messages")} inputMode="numeric" aria-invalid={Boolean(e.monthlyMessages)} {...form.register("monthlyMessages")} />
        </Field>
        <Field id={id("groups")} label="Max groups" error={e.maxGroups?.message} hint="Empty = unlimited">
          <Input id={id("groups")} inputMode="numeric" aria-invalid={Boolean(e.maxGroups)} {...form.register("maxGroups")} />
        </Field>
        <Field id={id("agents")} label="Max agents" error={e.maxAgents?.message} hint="Empty = unlimited">
          <Input id={id("agents")} inputMode="numeric" aria-invalid={Boolean(e.maxAgents)} {...form.register("maxAgents")} />
        </Field>
        <fieldset className="sm:col-span-3" aria-describedby={e.allowedModels ? id("allowed-error") : undefined}>
          <legend className="text-sm font-medium text-slate-700">Allowed models</legend>
          <div className="mt-1 flex max-h-48 flex-wrap gap-x-4 gap-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
            {choices.map((m) => (
              <label key={m.model} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" value={m.model} {...form.register("allowedModels", { deps: ["defaultModel"] })} />
                {m.label}
              </label>
            ))}
          </div>
          {e.allowedModels?.message ? <p id={id("allowed-error")} role="alert" className="text-sm text-red-600">{e.allowedModels.message}</p> : null}
        </fieldset>
        <div className="flex items-center gap-3 sm:col-span-3">
          <Button type="submit" disabled={update.isPending}>{update.isPending ? "Saving…" : "Save tier"}</Button>
          <p role="status" className="text-sm text-emerald-700">{saved}</p>
          <ErrorNote message={formError} />
        </div>
      </form>
    </Card>
  );
}

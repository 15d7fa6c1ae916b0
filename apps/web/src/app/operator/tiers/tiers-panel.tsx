"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import type { RouterOutputs } from "@baas/api";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { applyServerError } from "~/components/app/server-errors";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input, Select } from "~/components/ui/input";
import { Badge, Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { minorToInput, parseMoneyInput } from "~/i18n/format";
import { useTRPC } from "~/trpc/react";
import { NewTierForm } from "./new-tier-form";
import { TenantTierForm } from "./tenant-tier-form";

type Tier = RouterOutputs["operator"]["tiers"][number];
type Model = RouterOutputs["operator"]["models"][number];

type Tr = (key: string, values?: Record<string, string>) => string;

/**
 * The form edits text (empty = unlimited; the price in currency units, "49,90"); the server
 * re-validates with updateTierInput. Messages in the reader's language.
 */
function tierFormSchema(t: Tr) {
  const limit = (label: string) => z.string().trim().regex(/^\d*$/, t("limitInvalid", { label }));
  return z
    .object({
      price: z.string().trim().refine((s) => parseMoneyInput(s) !== null, t("priceInvalid")),
      defaultModel: z.string().min(1, t("pickDefault")),
      allowedModels: z.array(z.string()).min(1, t("allowOne")),
      monthlyMessages: limit(t("monthlyMessages")),
      maxGroups: limit(t("maxGroups")),
      maxAgents: limit(t("maxAgents")),
    })
    .superRefine((v, ctx) => {
      if (!v.allowedModels.includes(v.defaultModel)) ctx.addIssue({ code: "custom", path: ["defaultModel"], message: t("defaultAllowed") });
    });
}
type TierForm = z.infer<ReturnType<typeof tierFormSchema>>;
const FIELDS = ["price", "defaultModel", "allowedModels", "monthlyMessages", "maxGroups", "maxAgents"] as const;

const orNull = (s: string) => (s.trim() === "" ? null : Number(s));
const str = (n: number | null) => (n === null ? "" : String(n));

export function TiersPanel() {
  const trpc = useTRPC();
  const { data: tiers } = useSuspenseQuery(trpc.operator.tiers.queryOptions());
  const { data: models } = useSuspenseQuery(trpc.operator.models.queryOptions());
  const [adding, setAdding] = useState(false);
  const t = useTranslations("operator.tiers");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={adding ? null : <Button onClick={() => setAdding(true)}>{t("new")}</Button>}
      />
      {tiers.length === 0 ? <Card>{t("none")}</Card> : null}
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
  const t = useTranslations("operator.tiers");
  const locale = useLocale();
  const schema = useMemo(() => tierFormSchema(t as unknown as Tr), [t]);
  const form = useForm<TierForm>({
    resolver: zodResolver(schema),
    mode: "onChange",
    defaultValues: { price: minorToInput(locale, tier.priceMonthlyMinor), defaultModel: tier.defaultModel, allowedModels: tier.allowedModels, monthlyMessages: str(tier.monthlyMessages), maxGroups: str(tier.maxGroups), maxAgents: str(tier.maxAgents) },
  });
  const update = useMutation(
    trpc.operator.updateTier.mutationOptions({
      onSuccess: () => { setSaved(t("saved", { name: tier.name })); return qc.invalidateQueries({ queryKey: trpc.operator.tiers.queryKey() }); },
      onError: (e) => setFormError(applyServerError({ ...e, message: e.message.replace(/^priceMonthlyMinor:/, "price:") }, form.setError, FIELDS)),
    }),
  );
  const submit = form.handleSubmit((v) => {
    setFormError(null);
    setSaved(null);
    update.mutate({ tierId: tier.id, priceMonthlyMinor: parseMoneyInput(v.price) ?? 0, defaultModel: v.defaultModel, allowedModels: v.allowedModels, monthlyMessages: orNull(v.monthlyMessages), maxGroups: orNull(v.maxGroups), maxAgents: orNull(v.maxAgents) });
  });
  const e = form.formState.errors;
  const id = (f: string) => `tier-${tier.key}-${f}`;
  // Models no longer enabled stay listed so the operator sees (and can untick) them.
  const choices = [...models.map((m) => ({ model: m.model, label: m.displayName })), ...tier.allowedModels.filter((m) => !models.some((x) => x.model === m)).map((m) => ({ model: m, label: t("disabledModel", { model: m }) }))];
  return (
    <Card>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h2 className="text-lg font-medium">{tier.name}</h2>
        <Badge>{tier.key}</Badge>
        <Badge tone="blue">{t("subscriptions", { count: tier.subscriptions } as never)}</Badge>
        {tier.apiAccess ? <Badge tone="green">{t("api")}</Badge> : null}
        {tier.branding ? <Badge tone="green">{t("branding")}</Badge> : null}
        {tier.prioritySupport ? <Badge tone="green">{t("priority")}</Badge> : null}
      </div>
      <form className="grid gap-3 sm:grid-cols-3" noValidate aria-label={t("edit", { name: tier.name })} onSubmit={submit}>
        <Field id={id("price")} label={t("price", { currency: tier.currency })} error={e.price?.message}>
          <Input id={id("price")} inputMode="decimal" aria-invalid={Boolean(e.price)} {...form.register("price")} />
        </Field>
        <Field id={id("default")} label={t("defaultModel")} error={e.defaultModel?.message}>
          <Select id={id("default")} aria-invalid={Boolean(e.defaultModel)} {...form.register("defaultModel", { deps: ["allowedModels"] })}>
            {choices.map((m) => <option key={m.model} value={m.model}>{m.label}</option>)}
          </Select>
        </Field>
        <Field id={id("messages")} label={t("monthlyMessages")} error={e.monthlyMessages?.message} hint={t("emptyUnlimited")}>
          <Input id={id("messages")} inputMode="numeric" aria-invalid={Boolean(e.monthlyMessages)} {...form.register("monthlyMessages")} />
        </Field>
        <Field id={id("groups")} label={t("maxGroups")} error={e.maxGroups?.message} hint={t("emptyUnlimited")}>
          <Input id={id("groups")} inputMode="numeric" aria-invalid={Boolean(e.maxGroups)} {...form.register("maxGroups")} />
        </Field>
        <Field id={id("agents")} label={t("maxAgents")} error={e.maxAgents?.message} hint={t("emptyUnlimited")}>
          <Input id={id("agents")} inputMode="numeric" aria-invalid={Boolean(e.maxAgents)} {...form.register("maxAgents")} />
        </Field>
        <fieldset className="sm:col-span-3" aria-describedby={e.allowedModels ? id("allowed-error") : undefined}>
          <legend className="text-sm font-medium text-slate-700">{t("allowedModels")}</legend>
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
          <Button type="submit" disabled={update.isPending}>{update.isPending ? t("saving") : t("save")}</Button>
          <p role="status" className="text-sm text-emerald-700">{saved}</p>
          <ErrorNote message={formError} />
        </div>
      </form>
    </Card>
  );
}

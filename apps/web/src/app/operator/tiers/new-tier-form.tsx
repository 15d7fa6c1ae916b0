"use client";
import type { RouterOutputs } from "@baas/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { parseMoneyInput } from "~/i18n/format";
import { applyServerError } from "~/components/app/server-errors";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input, Select } from "~/components/ui/input";
import { Card, ErrorNote } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

type Model = RouterOutputs["operator"]["models"][number];
const FIELDS = ["key", "name", "currency", "price", "defaultModel", "allowedModels", "monthlyMessages", "maxGroups", "maxAgents"] as const;
type Errors = Partial<Record<(typeof FIELDS)[number], string>>;
const orNull = (s: FormDataEntryValue | null) => (String(s ?? "").trim() === "" ? null : Number(s));

/** A new tier: saved, then sold on Stripe (Product + monthly Price) when it costs something. The server validates every field. */
export function NewTierForm({ models, onDone }: { models: Model[]; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const t = useTranslations("operator.tiers");
  const create = useMutation(trpc.operator.createTier.mutationOptions({
    onSuccess: async () => { await qc.invalidateQueries({ queryKey: trpc.operator.tiers.queryKey() }); onDone(); },
    onError: (e) => {
      const found: Errors = {};
      setFormError(applyServerError({ ...e, message: e.message.replace(/^priceMonthlyMinor:/, "price:") }, (field, err) => void (found[field as keyof Errors] = err.message), FIELDS));
      setErrors(found);
    },
  }));
  const submit = (ev: React.FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const d = new FormData(ev.currentTarget);
    setErrors({});
    setFormError(null);
    // Typed in currency units ("49,90"); stored in minor units.
    const price = parseMoneyInput(String(d.get("price") ?? "0") || "0");
    if (price === null) return setErrors({ price: t("priceInvalid") });
    create.mutate({
      key: String(d.get("key") ?? ""), name: String(d.get("name") ?? ""), currency: String(d.get("currency") ?? "BRL").toUpperCase(),
      priceMonthlyMinor: price, defaultModel: String(d.get("defaultModel") ?? ""), allowedModels: d.getAll("allowedModels").map(String),
      monthlyMessages: orNull(d.get("monthlyMessages")), maxGroups: orNull(d.get("maxGroups")), maxAgents: orNull(d.get("maxAgents")),
    });
  };
  const text = (name: (typeof FIELDS)[number], label: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field id={`new-tier-${name}`} label={label} error={errors[name]}>
      <Input id={`new-tier-${name}`} name={name} aria-invalid={Boolean(errors[name])} {...extra} />
    </Field>
  );
  return (
    <Card>
      <form className="grid gap-3 sm:grid-cols-3" noValidate aria-label={t("newForm.label")} onSubmit={submit}>
        {text("key", t("newForm.key"), { placeholder: "scale" })}
        {text("name", t("newForm.name"), { placeholder: "Scale" })}
        {text("currency", t("newForm.currency"), { defaultValue: "BRL" })}
        {text("price", t("newForm.price"), { inputMode: "decimal", defaultValue: "0" })}
        <Field id="new-tier-defaultModel" label={t("defaultModel")} error={errors.defaultModel}>
          <Select id="new-tier-defaultModel" name="defaultModel">{models.map((m) => <option key={m.model} value={m.model}>{m.displayName}</option>)}</Select>
        </Field>
        {text("monthlyMessages", t("newForm.monthlyMessages"), { inputMode: "numeric" })}
        {text("maxGroups", t("newForm.maxGroups"), { inputMode: "numeric" })}
        {text("maxAgents", t("newForm.maxAgents"), { inputMode: "numeric" })}
        <fieldset className="sm:col-span-3">
          <legend className="text-sm font-medium text-slate-700">{t("allowedModels")}</legend>
          <div className="mt-1 flex max-h-48 flex-wrap gap-x-4 gap-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
            {models.map((m) => <label key={m.model} className="flex items-center gap-1.5 text-sm"><input type="checkbox" name="allowedModels" value={m.model} />{m.displayName}</label>)}
          </div>
          {errors.allowedModels ? <p role="alert" className="text-sm text-red-600">{errors.allowedModels}</p> : null}
        </fieldset>
        <div className="flex items-center gap-3 sm:col-span-3">
          <Button type="submit" disabled={create.isPending}>{create.isPending ? t("newForm.creating") : t("newForm.create")}</Button>
          <Button type="button" variant="secondary" onClick={onDone}>{t("newForm.cancel")}</Button>
          <ErrorNote message={formError} />
        </div>
      </form>
    </Card>
  );
}

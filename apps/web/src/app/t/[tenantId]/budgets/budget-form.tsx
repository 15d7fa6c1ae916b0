"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { budgetFieldsSchema, DEFAULT_THRESHOLDS, type BudgetFieldsInput } from "@baas/api/schemas";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { applyServerError } from "~/components/app/server-errors";
import { useFieldError } from "~/components/app/use-field-error";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input, Select } from "~/components/ui/input";
import { Card, ErrorNote } from "~/components/ui/misc";
import { ModelOptions } from "../agents/model-options";
import type { BudgetRow } from "./budget-card";

const FIELDS = ["name", "scope", "agentId", "channelId", "period", "currency", "limitMoney", "limitTokens", "limitMessages", "thresholds", "action", "downgradeModel"] as const;

export interface FormChoices {
  currencies: string[];
  agents: { id: string; label: string }[];
  channels: { id: string; label: string }[];
  models: { model: string; displayName: string }[];
}

export function emptyBudget(currency: string): BudgetFieldsInput {
  return { name: "", scope: "TENANT", agentId: null, channelId: null, period: "MONTHLY", currency, limitMoney: null, limitTokens: null, limitMessages: null, thresholds: DEFAULT_THRESHOLDS, action: "BLOCK", downgradeModel: null };
}

export function fieldsOf(b: BudgetRow): BudgetFieldsInput {
  return {
    name: b.name, scope: b.scope, agentId: b.agentId, channelId: b.channelId, period: b.period, currency: b.currency,
    limitMoney: b.limitMoneyMicros === null ? null : b.limitMoneyMicros / 1e6, limitTokens: b.limitTokens, limitMessages: b.limitMessages,
    thresholds: b.thresholds, action: b.action, downgradeModel: b.downgradeModel,
  };
}

/** "80, 90, 100" as the person types it; the numbers go to the form. */
function ThresholdsInput({ value, onChange, invalid }: { value: number[]; onChange: (v: number[]) => void; invalid: boolean }) {
  const [text, setText] = useState(value.join(", "));
  return (
    <Input
      id="budget-thresholds"
      aria-invalid={invalid}
      aria-describedby={invalid ? "budget-thresholds-error" : "budget-thresholds-hint"}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value.split(/[\s,;]+/).filter(Boolean).map(Number));
      }}
    />
  );
}

const num = (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v));

export function BudgetForm(props: {
  initial: BudgetFieldsInput;
  editing: string | null;
  choices: FormChoices;
  pending: boolean;
  onSubmit: (values: BudgetFieldsInput, setError: (err: { message: string; data?: unknown }) => void) => void;
  onCancel: () => void;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const t = useTranslations("budgets.form");
  const tc = useTranslations("common.actions");
  const form = useForm<BudgetFieldsInput>({ resolver: zodResolver(budgetFieldsSchema) as never, mode: "onChange", defaultValues: props.initial });
  const e = form.formState.errors;
  const fe = useFieldError(e, "budgets.invalid");
  const scope = form.watch("scope");
  const action = form.watch("action");
  const aria = (name: (typeof FIELDS)[number]) => ({ id: `budget-${name}`, "aria-invalid": Boolean(e[name]), "aria-describedby": e[name] ? `budget-${name}-error` : undefined });
  const submit = form.handleSubmit((values) => {
    setFormError(null);
    props.onSubmit(values, (err) => setFormError(applyServerError(err as never, form.setError, FIELDS)));
  });
  return (
    <Card>
      <form onSubmit={submit} noValidate aria-label={props.editing ? t("edit") : t("new")} className="space-y-4">
        <h2 className="font-medium">{props.editing ? t("edit") : t("new")}</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="budget-name" label={t("name")} error={fe("name")}>
            <Input {...aria("name")} {...form.register("name")} placeholder={t("namePlaceholder")} />
          </Field>
          <Field id="budget-scope" label={t("scope")} error={fe("scope")}>
            <Select {...aria("scope")} {...form.register("scope")}>
              <option value="TENANT">{t("scopeTENANT")}</option>
              <option value="AGENT">{t("scopeAGENT")}</option>
              <option value="CHANNEL">{t("scopeCHANNEL")}</option>
            </Select>
          </Field>
          {scope === "AGENT" ? (
            <Field id="budget-agentId" label={t("agent")} error={fe("agentId")}>
              <Select {...aria("agentId")} {...form.register("agentId", { setValueAs: (v) => (v ? String(v) : null) })}>
                <option value="">{t("pickAgent")}</option>
                {props.choices.agents.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
              </Select>
            </Field>
          ) : null}
          {scope === "CHANNEL" ? (
            <Field id="budget-channelId" label={t("channel")} error={fe("channelId")}>
              <Select {...aria("channelId")} {...form.register("channelId", { setValueAs: (v) => (v ? String(v) : null) })}>
                <option value="">{t("pickChannel")}</option>
                {props.choices.channels.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
              </Select>
            </Field>
          ) : null}
          <Field id="budget-period" label={t("period")} error={fe("period")} hint={t("periodHint")}>
            <Select {...aria("period")} {...form.register("period")}>
              <option value="DAILY">{t("periodDAILY")}</option>
              <option value="WEEKLY">{t("periodWEEKLY")}</option>
              <option value="MONTHLY">{t("periodMONTHLY")}</option>
            </Select>
          </Field>
          <Field id="budget-currency" label={t("currency")} error={fe("currency")}>
            <Select {...aria("currency")} {...form.register("currency")}>
              {props.choices.currencies.map((c) => <option key={c} value={c}>{c}</option>)}
            </Select>
          </Field>
          <Field id="budget-limitMoney" label={t("limitMoney")} error={fe("limitMoney")} hint={t("limitMoneyHint")}>
            <Input {...aria("limitMoney")} type="number" inputMode="decimal" step="0.01" min="0" {...form.register("limitMoney", { setValueAs: num })} />
          </Field>
          <Field id="budget-limitTokens" label={t("limitTokens")} error={fe("limitTokens")}>
            <Input {...aria("limitTokens")} type="number" inputMode="numeric" step="1" min="0" {...form.register("limitTokens", { setValueAs: num })} />
          </Field>
          <Field id="budget-limitMessages" label={t("limitMessages")} error={fe("limitMessages")}>
            <Input {...aria("limitMessages")} type="number" inputMode="numeric" step="1" min="0" {...form.register("limitMessages", { setValueAs: num })} />
          </Field>
          <Field id="budget-thresholds" label={t("thresholds")} error={fe("thresholds")} hint={t("thresholdsHint")}>
            <Controller control={form.control} name="thresholds" render={({ field }) => <ThresholdsInput value={field.value} onChange={field.onChange} invalid={Boolean(e.thresholds)} />} />
          </Field>
          <Field id="budget-action" label={t("action")} error={fe("action")}>
            <Select {...aria("action")} {...form.register("action")}>
              <option value="BLOCK">{t("actionBLOCK")}</option>
              <option value="DOWNGRADE">{t("actionDOWNGRADE")}</option>
              <option value="WARN">{t("actionWARN")}</option>
            </Select>
          </Field>
          {action === "DOWNGRADE" ? (
            <Field id="budget-downgradeModel" label={t("downgradeModel")} error={fe("downgradeModel")}>
              <Select {...aria("downgradeModel")} {...form.register("downgradeModel", { setValueAs: (v) => (v ? String(v) : null) })}>
                <option value="">{t("nextModelDown")}</option>
                <ModelOptions models={props.choices.models} />
              </Select>
            </Field>
          ) : null}
        </div>
        <ErrorNote message={formError} />
        <div className="flex gap-2">
          <Button type="submit" disabled={props.pending}>{props.pending ? tc("saving") : props.editing ? t("save") : t("create")}</Button>
          <Button type="button" variant="ghost" onClick={props.onCancel}>{tc("cancel")}</Button>
        </div>
      </form>
    </Card>
  );
}

"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { rateLimitFieldsSchema, type RateLimitFieldsInput } from "@baas/api/schemas";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { useForm } from "react-hook-form";
import { applyServerError } from "~/components/app/server-errors";
import { useFieldError } from "~/components/app/use-field-error";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input, Select } from "~/components/ui/input";
import { Card, ErrorNote } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

const FIELDS = ["scope", "agentId", "window", "maxRequests", "maxTokens"] as const;
const num = (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v));

/** Requests and tokens per minute, hour or day, for the team or one agent. */
export function RateLimits({ tenantId, canEdit, agents }: { tenantId: string; canEdit: boolean; agents: { id: string; label: string }[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const t = useTranslations("budgets.rate");
  const tb = useTranslations("budgets");
  const errorText = useErrorText();
  const { data: rules } = useSuspenseQuery(trpc.rateLimit.list.queryOptions({ tenantId }));
  const [formError, setFormError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.rateLimit.list.queryKey({ tenantId }) });
  const form = useForm<RateLimitFieldsInput>({ resolver: zodResolver(rateLimitFieldsSchema) as never, mode: "onChange", defaultValues: { scope: "TENANT", agentId: null, window: "MINUTE", maxRequests: null, maxTokens: null } });
  const create = useMutation(trpc.rateLimit.create.mutationOptions({ onSuccess: () => form.reset(), onError: (e) => setFormError(applyServerError(e, form.setError, FIELDS)), onSettled: refresh }));
  const remove = useMutation(trpc.rateLimit.delete.mutationOptions({ onError: (e) => setFormError(errorText(e)), onSettled: refresh }));
  const e = form.formState.errors;
  const fe = useFieldError(e, "budgets.rate.invalid");
  const scope = form.watch("scope");
  const ruleText = (r: (typeof rules)[number]) => {
    const req = r.maxRequests !== null ? t("requests", { count: r.maxRequests }) : null;
    const tok = r.maxTokens !== null ? t("tokens", { count: r.maxTokens }) : null;
    const limits = req && tok ? t("and", { a: req, b: tok }) : (req ?? tok ?? "");
    return t("rule", { limits, window: t(`per.${r.window as "MINUTE"}`) });
  };
  const aria = (name: (typeof FIELDS)[number]) => ({ id: `rate-${name}`, "aria-invalid": Boolean(e[name]), "aria-describedby": e[name] ? `rate-${name}-error` : undefined });
  return (
    <section aria-labelledby="rate-limits-title" className="mt-8">
      <h2 id="rate-limits-title" className="mb-2 font-medium">{t("title")}</h2>
      <ul className="mb-3 space-y-2" aria-label={t("title")}>
        {rules.length === 0 ? <li className="text-sm text-slate-500">{t("empty")}</li> : null}
        {rules.map((r) => (
          <li key={r.id}>
            <Card className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm" data-testid={`rate-${r.label}`}>
              <span>
                <span className="font-medium">{r.scope === "TENANT" ? tb("wholeTeam") : r.label}</span>: {ruleText(r)}
              </span>
              {canEdit ? <Button size="sm" variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ tenantId, ruleId: r.id })}>{t("remove")}</Button> : null}
            </Card>
          </li>
        ))}
      </ul>
      {canEdit ? (
        <Card>
          <form noValidate aria-label={t("newLabel")} className="grid gap-3 sm:grid-cols-5 sm:items-end" onSubmit={form.handleSubmit((v) => { setFormError(null); create.mutate({ tenantId, ...v } as never); })}>
            <Field id="rate-scope" label={t("for")} error={fe("scope")}>
              <Select {...aria("scope")} {...form.register("scope")}>
                <option value="TENANT">{tb("form.scopeTENANT")}</option>
                <option value="AGENT">{tb("form.scopeAGENT")}</option>
              </Select>
            </Field>
            {scope === "AGENT" ? (
              <Field id="rate-agentId" label={tb("form.agent")} error={fe("agentId")}>
                <Select {...aria("agentId")} {...form.register("agentId", { setValueAs: (v) => (v ? String(v) : null) })}>
                  <option value="">{tb("form.pickAgent")}</option>
                  {agents.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
                </Select>
              </Field>
            ) : null}
            <Field id="rate-window" label={t("perLabel")} error={fe("window")}>
              <Select {...aria("window")} {...form.register("window")}>
                <option value="MINUTE">{t("windowMINUTE")}</option>
                <option value="HOUR">{t("windowHOUR")}</option>
                <option value="DAY">{t("windowDAY")}</option>
              </Select>
            </Field>
            <Field id="rate-maxRequests" label={t("maxRequests")} error={fe("maxRequests")}>
              <Input {...aria("maxRequests")} type="number" min="1" step="1" {...form.register("maxRequests", { setValueAs: num })} />
            </Field>
            <Field id="rate-maxTokens" label={t("maxTokens")} error={fe("maxTokens")}>
              <Input {...aria("maxTokens")} type="number" min="1" step="1" {...form.register("maxTokens", { setValueAs: num })} />
            </Field>
            <div className="sm:col-span-5">
              <ErrorNote message={formError} />
              <Button type="submit" disabled={create.isPending}>{t("add")}</Button>
            </div>
          </form>
        </Card>
      ) : null}
    </section>
  );
}

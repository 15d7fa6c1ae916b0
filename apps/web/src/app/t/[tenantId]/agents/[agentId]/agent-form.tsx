"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { agentFieldsSchema, SKILLS, type AgentFieldsInput } from "@baas/api/schemas";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useErrorText } from "~/components/app/use-error-text";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { applyServerError } from "~/components/app/server-errors";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input, Select, Textarea } from "~/components/ui/input";
import { Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { Switch } from "~/components/ui/switch";
import { useTRPC } from "~/trpc/react";
import { ModelOptions } from "../model-options";
import { ArchiveAgent } from "./archive-agent";

const FIELDS = ["name", "emoji", "avatarUrl", "model", "systemPrompt", "skills"] as const;

export function AgentForm({ tenantId, agentId }: { tenantId: string; agentId: string }) {
  const t = useTranslations("agents.form");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const getKey = trpc.agent.get.queryKey({ tenantId, agentId });
  const { data: agent } = useSuspenseQuery(trpc.agent.get.queryOptions({ tenantId, agentId }));
  const { data: models } = useSuspenseQuery(trpc.agent.models.queryOptions({ tenantId }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const readOnly = tenant.myRole === "VIEWER";
  const canArchive = tenant.myRole === "ADMIN" || tenant.myRole === "OWNER";
  const [formError, setFormError] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const form = useForm<AgentFieldsInput>({
    resolver: zodResolver(agentFieldsSchema) as never,
    mode: "onChange",
    defaultValues: { name: agent.name, emoji: agent.emoji ?? "", avatarUrl: agent.avatarUrl ?? "", model: agent.model ?? "", systemPrompt: agent.systemPrompt ?? "", skills: agent.skills as AgentFieldsInput["skills"] },
  });
  const save = useMutation(
    trpc.agent.update.mutationOptions({
      // Optimistic: the page shows the new identity at once and rolls back if the server refuses.
      onMutate: async (input) => {
        await qc.cancelQueries({ queryKey: getKey });
        const previous = qc.getQueryData(getKey);
        if (previous) qc.setQueryData(getKey, { ...previous, name: input.name, emoji: input.emoji || null, model: input.model });
        return { previous };
      },
      onError: (err, _input, c) => {
        if (c?.previous) qc.setQueryData(getKey, c.previous);
        setFormError(applyServerError(err, form.setError, FIELDS) === null ? null : errorText(err));
      },
      onSuccess: (saved) => {
        setSavedAt(new Date());
        form.reset({ ...form.getValues() }, { keepValues: true });
        qc.setQueryData(getKey, saved);
      },
      onSettled: () => qc.invalidateQueries({ queryKey: trpc.agent.list.queryKey({ tenantId }) }),
    }),
  );
  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    save.mutate({ tenantId, agentId, name: values.name, model: values.model, skills: values.skills, emoji: values.emoji ?? "", avatarUrl: values.avatarUrl ?? "", systemPrompt: values.systemPrompt ?? "" });
  });
  const e = form.formState.errors;
  const reg = (name: (typeof FIELDS)[number]) => ({ id: `agent-${name}`, "aria-invalid": Boolean(e[name]), "aria-describedby": e[name] ? `agent-${name}-error` : undefined });
  return (
    <>
      <PageHeader title={`${agent.emoji ?? "🤖"} ${agent.name}`} description={t("id", { id: agent.externalId })} actions={<Link className="text-sm underline" href={`/t/${tenantId}/agents`}>{t("all")}</Link>} />
      <form onSubmit={onSubmit} className="grid gap-4 lg:grid-cols-3" noValidate aria-label={t("label")}>
        <Card className="space-y-4 lg:col-span-2">
          <h2 className="font-medium">{t("identity")}</h2>
          <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
            <Field id="agent-name" label={t("name")} error={e.name?.message}>
              <Input {...reg("name")} disabled={readOnly} {...form.register("name")} />
            </Field>
            <Field id="agent-emoji" label={t("emoji")} error={e.emoji?.message}>
              <Input {...reg("emoji")} disabled={readOnly} {...form.register("emoji")} />
            </Field>
          </div>
          <Field id="agent-avatarUrl" label={t("avatar")} error={e.avatarUrl?.message} hint={t("avatarHint")}>
            <Input {...reg("avatarUrl")} disabled={readOnly} placeholder="https://…" {...form.register("avatarUrl")} />
          </Field>
          <Field id="agent-model" label={t("model")} error={e.model?.message}>
            <Select {...reg("model")} disabled={readOnly} {...form.register("model")}>
              <option value="">{t("pickModel")}</option>
              <ModelOptions models={models} />
            </Select>
          </Field>
          <Field id="agent-systemPrompt" label={t("prompt")} error={e.systemPrompt?.message}>
            <Textarea {...reg("systemPrompt")} disabled={readOnly} rows={8} {...form.register("systemPrompt")} />
          </Field>
        </Card>
        <Card className="space-y-4">
          <h2 className="font-medium">{t("skills")}</h2>
          <Controller
            control={form.control}
            name="skills"
            render={({ field }) => (
              <ul className="space-y-3">
                {SKILLS.map((s) => (
                  <li key={s} className="flex items-center justify-between gap-3">
                    <label htmlFor={`skill-${s}`} className="text-sm">
                      {t(`skill.${s}`)}
                    </label>
                    <Switch id={`skill-${s}`} disabled={readOnly} checked={field.value.includes(s)} onCheckedChange={(on) => field.onChange(on ? [...field.value, s] : field.value.filter((x) => x !== s))} />
                  </li>
                ))}
              </ul>
            )}
          />
        </Card>
        <div className="flex flex-col gap-3 lg:col-span-3">
          <ErrorNote message={formError} />
          {!readOnly ? (
            <div className="flex items-center gap-3">
              <Button type="submit" disabled={save.isPending || !form.formState.isValid}>
                {save.isPending ? t("saving") : t("save")}
              </Button>
              <span role="status" className="text-sm text-emerald-700">
                {savedAt && !save.isPending && !formError ? t("saved") : ""}
              </span>
            </div>
          ) : (
            <p className="text-sm text-slate-500">{t("viewer")}</p>
          )}
        </div>
      </form>
      {canArchive ? (
        <div className="mt-8">
          <ArchiveAgent tenantId={tenantId} agentId={agentId} name={agent.name} />
        </div>
      ) : null}
    </>
  );
}

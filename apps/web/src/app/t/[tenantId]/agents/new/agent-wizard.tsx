"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { agentCreateSchema } from "@baas/api/schemas";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerError } from "~/components/app/server-errors";
import { useErrorText } from "~/components/app/use-error-text";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { Field } from "~/components/ui/field";
import { Input, Select } from "~/components/ui/input";
import { Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { ModelOptions } from "../model-options";
import { AnswersStep, noAnswers, targetsOf, type Answers } from "./answers-step";

type Values = z.input<typeof agentCreateSchema>;
const FIELDS = ["externalId", "name", "emoji", "model"] as const;

/**
 * Three steps: a template, a name, and where it answers. The agent and its chats are saved in
 * one call, so the bots get one published change and the agent never exists answering nowhere.
 */
type Template = { key: string; label: string; name: string; systemPrompt: string; emoji: string; skills: string[] };

/** The server's starting points worded in the reader's language (the server's English for a template the catalog lacks). */
function useLocalizedTemplates<T extends Template>(list: T[]): T[] {
  const t = useTranslations("agents.templateText");
  return list.map((tpl) =>
    t.has(`${tpl.key}.label`)
      ? { ...tpl, label: t(`${tpl.key as "sales"}.label`), name: t(`${tpl.key as "sales"}.name`), systemPrompt: t(`${tpl.key as "sales"}.prompt`) }
      : tpl,
  );
}

export function AgentWizard({ tenantId }: { tenantId: string }) {
  const t = useTranslations("agents.wizard");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const errorText = useErrorText();
  const { data: serverTemplates } = useSuspenseQuery(trpc.agent.templates.queryOptions({ tenantId }));
  const templates = useLocalizedTemplates(serverTemplates);
  const { data: models } = useSuspenseQuery(trpc.agent.models.queryOptions({ tenantId }));
  const { data: chats } = useSuspenseQuery(trpc.channel.chats.queryOptions({ tenantId }));
  const [step, setStep] = useState<1 | 2 | 3>(1);
  const [answers, setAnswers] = useState<Answers>(noAnswers);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(agentCreateSchema) as never, mode: "onChange", defaultValues: { externalId: "", name: "", emoji: "", avatarUrl: "", model: models[0]?.model ?? "", systemPrompt: "", skills: [] } });
  const create = useMutation(
    trpc.agent.create.mutationOptions({
      onSuccess: async (agent) => {
        await qc.invalidateQueries();
        router.push(`/t/${tenantId}/agents/${agent.id}`);
      },
      onError: (err) => {
        const left = applyServerError(err, form.setError, FIELDS);
        if (left === null) setStep(2);
        setFormError(left === null ? null : errorText(err));
      },
    }),
  );
  const pick = (key: string | null) => {
    const tpl = templates.find((x) => x.key === key);
    form.reset({ ...form.getValues(), template: tpl?.key, name: tpl?.name ?? "", emoji: tpl?.emoji ?? "", systemPrompt: tpl?.systemPrompt ?? "", skills: (tpl?.skills ?? []) as Values["skills"] });
    setStep(2);
  };
  const next = async () => {
    if (await form.trigger([...FIELDS])) setStep(3);
  };
  const onSubmit = form.handleSubmit((v) => {
    setFormError(null);
    create.mutate({ ...v, tenantId, emoji: v.emoji ?? "", avatarUrl: "", systemPrompt: v.systemPrompt ?? "", answers: targetsOf(answers) });
  });
  const e = form.formState.errors;
  const chosen = targetsOf(answers).length;
  return (
    <>
      <PageHeader title={t("title")} description={t(`step.${step}`)} />
      {step === 1 ? (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("templates")}>
          {[...templates, null].map((tpl) => (
            <li key={tpl?.key ?? "blank"}>
              <button type="button" onClick={() => pick(tpl?.key ?? null)} className={cn("h-full w-full rounded-lg border border-slate-200 bg-white p-4 text-left shadow-sm hover:border-brand-500")}>
                <span className="text-2xl" aria-hidden>{tpl?.emoji ?? "✨"}</span>
                <span className="mt-2 block font-medium">{tpl ? tpl.label : t("blank")}</span>
                <span className="mt-1 block text-xs text-slate-500">{tpl ? tpl.systemPrompt.slice(0, 90) + "…" : t("blankHint")}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Card className="max-w-xl">
          <form className="space-y-4" onSubmit={onSubmit} noValidate aria-label={t("title")}>
            <div className={step === 2 ? "space-y-4" : "hidden"}>
              <Field id="new-name" label={t("name")} error={e.name?.message}>
                <Input id="new-name" aria-invalid={Boolean(e.name)} {...form.register("name")} />
              </Field>
              <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
                <Field id="new-externalId" label={t("shortName")} error={e.externalId?.message} hint={t("shortNameHint")}>
                  <Input id="new-externalId" aria-invalid={Boolean(e.externalId)} {...form.register("externalId")} />
                </Field>
                <Field id="new-emoji" label={t("emoji")} error={e.emoji?.message}>
                  <Input id="new-emoji" {...form.register("emoji")} />
                </Field>
              </div>
              <Field id="new-model" label={t("model")} error={e.model?.message}>
                <Select id="new-model" {...form.register("model")}>
                  <ModelOptions models={models} />
                </Select>
              </Field>
            </div>
            {step === 3 ? <AnswersStep chats={chats} value={answers} onChange={setAnswers} /> : null}
            {step === 3 && chosen === 0 ? <p className="text-sm text-amber-700">{t("answersNowhere")}</p> : null}
            <ErrorNote message={formError} />
            <div className="flex flex-wrap gap-2">
              <Button type="button" variant="secondary" onClick={() => setStep(step === 3 ? 2 : 1)}>{t("back")}</Button>
              {step === 2 ? <Button type="button" onClick={next}>{t("next")}</Button> : null}
              {step === 3 ? (
                <Button type="submit" disabled={create.isPending}>{create.isPending ? t("creating") : chosen === 0 ? t("createOnly") : t("createAndAnswer", { count: chosen })}</Button>
              ) : null}
            </div>
          </form>
        </Card>
      )}
    </>
  );
}

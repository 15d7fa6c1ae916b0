"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { agentCreateSchema } from "@baas/api/schemas";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerError } from "~/components/app/server-errors";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { Field } from "~/components/ui/field";
import { Input, Select } from "~/components/ui/input";
import { Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { ModelOptions } from "../model-options";

type Values = z.input<typeof agentCreateSchema>;
const FIELDS = ["externalId", "name", "emoji", "model"] as const;

/** Two steps: pick a template (sales, support, HR or blank), then name it. */
export function AgentWizard({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const { data: templates } = useSuspenseQuery(trpc.agent.templates.queryOptions({ tenantId }));
  const { data: models } = useSuspenseQuery(trpc.agent.models.queryOptions({ tenantId }));
  const [step, setStep] = useState<1 | 2>(1);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(agentCreateSchema) as never, mode: "onChange", defaultValues: { externalId: "", name: "", emoji: "", avatarUrl: "", model: models[0]?.model ?? "", systemPrompt: "", skills: [] } });
  const create = useMutation(
    trpc.agent.create.mutationOptions({
      onSuccess: async (agent) => {
        await qc.invalidateQueries({ queryKey: trpc.agent.list.queryKey({ tenantId }) });
        router.push(`/t/${tenantId}/agents/${agent.id}`);
      },
      onError: (err) => setFormError(applyServerError(err, form.setError, FIELDS)),
    }),
  );
  const pick = (key: string | null) => {
    const t = templates.find((x) => x.key === key);
    form.reset({ ...form.getValues(), template: t?.key, name: t?.name ?? "", emoji: t?.emoji ?? "", systemPrompt: t?.systemPrompt ?? "", skills: (t?.skills ?? []) as Values["skills"] });
    setStep(2);
  };
  const e = form.formState.errors;
  const onSubmit = form.handleSubmit((v) => {
    setFormError(null);
    create.mutate({ ...v, tenantId, emoji: v.emoji ?? "", avatarUrl: "", systemPrompt: v.systemPrompt ?? "" });
  });
  return (
    <>
      <PageHeader title="New agent" description={step === 1 ? "Step 1 of 2: start from a template" : "Step 2 of 2: name it"} />
      {step === 1 ? (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Templates">
          {[...templates, null].map((t) => (
            <li key={t?.key ?? "blank"}>
              <button type="button" onClick={() => pick(t?.key ?? null)} className={cn("h-full w-full rounded-lg border border-slate-200 bg-white p-4 text-left shadow-sm hover:border-brand-500")}>
                <span className="text-2xl" aria-hidden>{t?.emoji ?? "✨"}</span>
                <span className="mt-2 block font-medium">{t ? t.label : "Blank"}</span>
                <span className="mt-1 block text-xs text-slate-500">{t ? t.systemPrompt.slice(0, 90) + "…" : "Start from nothing."}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Card className="max-w-xl">
          <form className="space-y-4" onSubmit={onSubmit} noValidate aria-label="New agent">
            <Field id="new-externalId" label="Agent id" error={e.externalId?.message} hint="Lower case, used in Clawdbot (e.g. lobo)">
              <Input id="new-externalId" aria-invalid={Boolean(e.externalId)} {...form.register("externalId")} />
            </Field>
            <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
              <Field id="new-name" label="Name" error={e.name?.message}>
                <Input id="new-name" aria-invalid={Boolean(e.name)} {...form.register("name")} />
              </Field>
              <Field id="new-emoji" label="Emoji" error={e.emoji?.message}>
                <Input id="new-emoji" {...form.register("emoji")} />
              </Field>
            </div>
            <Field id="new-model" label="Default model" error={e.model?.message}>
              <Select id="new-model" {...form.register("model")}>
                <ModelOptions models={models} />
              </Select>
            </Field>
            <ErrorNote message={formError} />
            <div className="flex gap-2">
              <Button type="button" variant="secondary" onClick={() => setStep(1)}>
                Back
              </Button>
              <Button type="submit" disabled={create.isPending}>
                {create.isPending ? "Creating…" : "Create agent"}
              </Button>
            </div>
          </form>
        </Card>
      )}
    </>
  );
}

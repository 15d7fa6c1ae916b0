"use client";
import type { BudgetFieldsInput } from "@baas/api/schemas";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { Button } from "~/components/ui/button";
import { ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { BudgetCard } from "./budget-card";
import { BudgetForm, emptyBudget, fieldsOf, type FormChoices } from "./budget-form";
import { RateLimits } from "./rate-limits";

export function BudgetsPanel({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const t = useTranslations("budgets");
  const errorText = useErrorText();
  const { data: budgets } = useSuspenseQuery(trpc.budget.list.queryOptions({ tenantId }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const { data: agents } = useSuspenseQuery(trpc.agent.list.queryOptions({ tenantId }));
  const { data: channels } = useSuspenseQuery(trpc.channel.list.queryOptions({ tenantId }));
  const { data: models } = useSuspenseQuery(trpc.agent.models.queryOptions({ tenantId }));
  const canEdit = tenant.myRole === "ADMIN" || tenant.myRole === "OWNER";
  // null: no form; "new": creating; else the id of the budget being edited.
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.budget.list.queryKey({ tenantId }) });
  const create = useMutation(trpc.budget.create.mutationOptions({ onSuccess: () => setOpen(null), onSettled: refresh }));
  const update = useMutation(trpc.budget.update.mutationOptions({ onSuccess: () => setOpen(null), onSettled: refresh }));
  const toggle = useMutation(trpc.budget.setEnabled.mutationOptions({ onError: (e) => setError(errorText(e)), onSettled: refresh }));
  const remove = useMutation(trpc.budget.delete.mutationOptions({ onError: (e) => setError(errorText(e)), onSettled: refresh }));
  const choices: FormChoices = {
    currencies: [...new Set(["USD", tenant.currency])],
    agents: agents.map((a) => ({ id: a.id, label: `${a.emoji ? `${a.emoji} ` : ""}${a.name} (${a.externalId})` })),
    channels: channels.map((c) => ({ id: c.id, label: `${c.name ?? c.externalId} · ${c.peerKind === "DM" ? t("form.dm") : t("form.group")}` })),
    models,
  };
  const editing = open && open !== "new" ? budgets.find((b) => b.id === open) : undefined;
  const submit = (values: BudgetFieldsInput, fail: (err: { message: string; data?: unknown }) => void) => {
    const input = { tenantId, ...values } as Parameters<typeof create.mutate>[0];
    if (editing) update.mutate({ ...input, budgetId: editing.id }, { onError: fail });
    else create.mutate(input, { onError: fail });
  };
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={canEdit && open === null ? <Button onClick={() => setOpen("new")}>{t("new")}</Button> : null}
      />
      {open !== null ? (
        <div className="mb-6">
          <BudgetForm
            key={open}
            editing={editing?.id ?? null}
            initial={editing ? fieldsOf(editing) : emptyBudget(tenant.currency)}
            choices={choices}
            pending={create.isPending || update.isPending}
            onSubmit={submit}
            onCancel={() => setOpen(null)}
          />
        </div>
      ) : null}
      <ErrorNote message={error} />
      {budgets.length === 0 ? <p className="text-sm text-slate-500">{canEdit ? t("emptyEditor") : t("emptyViewer")}</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2" aria-label={t("listLabel")}>
        {budgets.map((b) => (
          <li key={b.id}>
            <BudgetCard
              budget={b}
              canEdit={canEdit}
              busy={toggle.isPending || remove.isPending}
              onEdit={() => setOpen(b.id)}
              onToggle={() => toggle.mutate({ tenantId, budgetId: b.id, enabled: !b.enabled })}
              onDelete={() => remove.mutate({ tenantId, budgetId: b.id })}
            />
          </li>
        ))}
      </ul>
      <RateLimits tenantId={tenantId} canEdit={canEdit} agents={choices.agents} />
    </>
  );
}

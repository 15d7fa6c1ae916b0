"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { createAccountInput, replaceCredentialInput } from "@baas/api/schemas";
import type { RouterOutputs } from "@baas/api";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerError } from "~/components/app/server-errors";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input, Select } from "~/components/ui/input";
import { Badge, Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { SubscriptionUse } from "./subscription-use";
import { useTRPC } from "~/trpc/react";

type Account = RouterOutputs["operator"]["accounts"][number];

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);

export function AccountsPanel() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { data: accounts } = useSuspenseQuery(trpc.operator.accounts.queryOptions());
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const t = useTranslations("operator.accounts");
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.operator.accounts.queryKey() });
  const q = filter.trim().toLowerCase();
  const shown = q ? accounts.filter((a) => `${a.name} ${a.provider} ${a.credentialHint}`.toLowerCase().includes(q)) : accounts;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
      />
      <ErrorNote message={error} />
      <div className="mt-2 max-w-sm">
        <Field id="acc-filter" label={t("filter")}>
          <Input id="acc-filter" type="search" placeholder={t("filterPlaceholder")} value={filter} onChange={(e) => setFilter(e.target.value)} />
        </Field>
      </div>
      {/* relative: the header's screen-reader-only cell is positioned, and must scroll with the table, not widen the page. */}
      <Card className="relative mt-3 overflow-x-auto p-0">
        <table className="w-full min-w-[52rem] text-left text-sm" aria-label={t("title")}>
          <thead className="bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">{t("name")}</th>
              <th scope="col" className="px-3 py-2">{t("providerKind")}</th>
              <th scope="col" className="px-3 py-2">{t("credential")}</th>
              <th scope="col" className="px-3 py-2">{t("priority")}</th>
              <th scope="col" className="px-3 py-2">{t("status")}</th>
              <th scope="col" className="px-3 py-2">{t("windows")}</th>
              <th scope="col" className="px-3 py-2">{t("calls24h")}</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">{t("actions")}</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.length === 0 ? <tr><td colSpan={8} className="px-3 py-4 text-slate-500">{accounts.length ? t("noMatch") : t("none")}</td></tr> : null}
            {shown.map((a) => <AccountRow key={a.id} account={a} onChanged={refresh} onError={setError} />)}
          </tbody>
        </table>
      </Card>
      <Card className="mt-6">
        <h2 className="mb-3 font-medium">{t("add")}</h2>
        <CreateAccountForm onDone={refresh} />
      </Card>
    </>
  );
}

function AccountRow({ account: a, onChanged, onError }: { account: Account; onChanged: () => unknown; onError: (m: string | null) => void }) {
  const trpc = useTRPC();
  const [priority, setPriority] = useState(String(a.priority));
  const [rekeying, setRekeying] = useState(false);
  const t = useTranslations("operator");
  const errorText = useErrorText();
  const opts = { onSettled: onChanged, onError: (e: Parameters<typeof errorText>[0]) => onError(errorText(e)), onMutate: () => onError(null) };
  const savePriority = useMutation(trpc.operator.setAccountPriority.mutationOptions(opts));
  const setEnabled = useMutation(trpc.operator.setAccountEnabled.mutationOptions(opts));
  const commitPriority = () => {
    const n = Number(priority);
    if (priority === String(a.priority)) return;
    if (!Number.isInteger(n) || n < 0) return onError(t("accounts.priorityInvalid", { name: a.name }));
    savePriority.mutate({ accountId: a.id, priority: n });
  };
  const active = a.status === "ACTIVE";
  return (
    <tr data-testid={`account-${a.name}`}>
      <td className="px-3 py-2 font-medium">{a.name}{a.baseUrl ? <p className="text-xs font-normal text-slate-500">{a.baseUrl}</p> : null}</td>
      <td className="px-3 py-2">{a.provider.toLowerCase()} · {t(`kind.${a.kind}`)}</td>
      <td className="px-3 py-2 font-mono">{a.credentialHint}</td>
      <td className="px-3 py-2">
        <Input aria-label={t("accounts.priorityOf", { name: a.name })} className="h-8 w-20" inputMode="numeric" value={priority} onChange={(e) => setPriority(e.target.value)} onBlur={commitPriority} onKeyDown={(e) => e.key === "Enter" && commitPriority()} />
      </td>
      <td className="space-y-1 px-3 py-2">
        <Badge tone={active ? "green" : "red"}>{active ? t("accounts.active") : t("accounts.disabled")}</Badge>
        {a.disabledReason ? <p className="text-xs text-slate-500">{a.disabledReason}</p> : null}
        {a.kind === "MAX_SUBSCRIPTION" ? <SubscriptionUse account={a} onChanged={onChanged} onError={onError} /> : null}
      </td>
      <td className="px-3 py-2">{pct(a.window5hUtilization)} / {pct(a.window7dUtilization)}</td>
      <td className="px-3 py-2">{a.calls24h}</td>
      <td className="space-y-2 px-3 py-2">
        <div className="flex gap-2">
          <Button size="sm" variant={active ? "danger" : "secondary"} onClick={() => setEnabled.mutate({ accountId: a.id, enabled: !active })}>{active ? t("accounts.disable") : t("accounts.enable")}</Button>
          <Button size="sm" variant="secondary" aria-expanded={rekeying} onClick={() => setRekeying((v) => !v)}>{t("accounts.replace")}</Button>
        </div>
        {rekeying ? <ReplaceCredentialForm account={a} onDone={() => { setRekeying(false); return onChanged(); }} /> : null}
      </td>
    </tr>
  );
}

function ReplaceCredentialForm({ account, onDone }: { account: Account; onDone: () => unknown }) {
  const trpc = useTRPC();
  const t = useTranslations("operator.accounts");
  const errorText = useErrorText();
  const form = useForm<z.input<typeof replaceCredentialInput>>({ resolver: zodResolver(replaceCredentialInput), mode: "onChange", defaultValues: { accountId: account.id, credential: "" } });
  const rekey = useMutation(trpc.operator.replaceAccountCredential.mutationOptions({ onSuccess: onDone, onError: (e) => form.setError("credential", { message: errorText(e) ?? "" }) }));
  const id = `rekey-${account.id}`;
  const err = form.formState.errors.credential?.message;
  return (
    <form className="flex items-end gap-2" noValidate aria-label={t("replaceOf", { name: account.name })} onSubmit={form.handleSubmit((v) => rekey.mutate(v))}>
      <Field id={id} label={t("newCredential")} error={err} className="min-w-48">
        <Input id={id} type="password" autoComplete="off" aria-invalid={Boolean(err)} {...form.register("credential")} />
      </Field>
      <Button size="sm" type="submit" disabled={rekey.isPending}>{t("save")}</Button>
    </form>
  );
}

const CREATE_FIELDS = ["name", "provider", "kind", "credential", "baseUrl", "priority"] as const;

function CreateAccountForm({ onDone }: { onDone: () => unknown }) {
  const trpc = useTRPC();
  const [formError, setFormError] = useState<string | null>(null);
  const t = useTranslations("operator");
  const form = useForm<z.input<typeof createAccountInput>, unknown, z.output<typeof createAccountInput>>({
    resolver: zodResolver(createAccountInput),
    mode: "onChange",
    defaultValues: { name: "", provider: "ANTHROPIC", kind: "MAX_SUBSCRIPTION", credential: "", baseUrl: "", priority: 100 },
  });
  const create = useMutation(
    trpc.operator.createAccount.mutationOptions({
      onSuccess: () => { form.reset(); return onDone(); },
      onError: (e) => setFormError(applyServerError(e, form.setError, CREATE_FIELDS)),
    }),
  );
  const e = form.formState.errors;
  return (
    <form className="grid gap-3 sm:grid-cols-3" noValidate aria-label={t("accounts.add")} onSubmit={form.handleSubmit((v) => { setFormError(null); create.mutate(v); })}>
      <Field id="acc-name" label={t("accounts.name")} error={e.name?.message} hint={t("accounts.form.nameHint")}>
        <Input id="acc-name" aria-invalid={Boolean(e.name)} {...form.register("name")} />
      </Field>
      <Field id="acc-provider" label={t("accounts.form.provider")}>
        <Select id="acc-provider" {...form.register("provider")}>
          <option value="ANTHROPIC">Anthropic</option>
          <option value="OPENAI">OpenAI</option>
        </Select>
      </Field>
      <Field id="acc-kind" label={t("accounts.form.kind")}>
        <Select id="acc-kind" {...form.register("kind")}>
          <option value="MAX_SUBSCRIPTION">{t("kind.MAX_SUBSCRIPTION")}</option>
          <option value="API_KEY">{t("kind.API_KEY")}</option>
        </Select>
      </Field>
      <Field id="acc-credential" label={t("accounts.credential")} error={e.credential?.message} hint={t("accounts.form.credentialHint")}>
        <Input id="acc-credential" type="password" autoComplete="off" aria-invalid={Boolean(e.credential)} {...form.register("credential")} />
      </Field>
      <Field id="acc-base-url" label={t("accounts.form.baseUrl")} error={e.baseUrl?.message}>
        <Input id="acc-base-url" placeholder="https://api.anthropic.com" aria-invalid={Boolean(e.baseUrl)} {...form.register("baseUrl")} />
      </Field>
      <Field id="acc-priority" label={t("accounts.priority")} error={e.priority?.message} hint={t("accounts.form.priorityHint")}>
        <Input id="acc-priority" type="number" min={0} aria-invalid={Boolean(e.priority)} {...form.register("priority", { valueAsNumber: true })} />
      </Field>
      <div className="flex items-center gap-3 sm:col-span-3">
        <Button type="submit" disabled={create.isPending}>{create.isPending ? t("accounts.form.adding") : t("accounts.form.submit")}</Button>
        <ErrorNote message={formError} />
      </div>
    </form>
  );
}

"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { Badge, ErrorNote, PageHeader } from "~/components/ui/misc";
import { Switch } from "~/components/ui/switch";
import { useTRPC } from "~/trpc/react";
import { ChatCost } from "../groups/chat-cost";
import { DuplicateAgent } from "./duplicate-agent";

export function AgentsList({ tenantId }: { tenantId: string }) {
  const t = useTranslations("agents");
  const trpc = useTRPC();
  const { data: agents } = useSuspenseQuery(trpc.agent.list.queryOptions({ tenantId }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canEdit = tenant.myRole !== "VIEWER";
  const canSwitch = tenant.myRole === "OWNER" || tenant.myRole === "ADMIN";
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={canEdit ? <Link href={`/t/${tenantId}/agents/new`} className="inline-flex h-10 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700">{t("new")}</Link> : null}
      />
      <ErrorNote message={error} />
      <ul className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("title")}>
        {agents.length === 0 ? <li className="text-sm text-slate-500">{t("none")}</li> : null}
        {agents.map((a) => (
          <li key={a.id} data-testid={`agent-${a.name}`} className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div className="flex items-start justify-between gap-2">
              <div className="flex min-w-0 items-center gap-3">
                <span className="flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xl" aria-hidden>
                  {a.avatarUrl ? <img src={a.avatarUrl} alt="" className="h-10 w-10 rounded-full object-cover" /> : (a.emoji ?? "🤖")}
                </span>
                <div className="min-w-0">
                  <p className="truncate font-medium">{a.name}</p>
                  <p className="truncate text-xs text-slate-500">{a._count.bindings === 0 ? t("answersNowhere") : t("answersIn", { count: a._count.bindings })}</p>
                </div>
              </div>
              {a.enabled ? (
                <Badge tone={a.online ? "green" : "gray"}>
                  <span className={a.online ? "h-1.5 w-1.5 rounded-full bg-emerald-500" : "h-1.5 w-1.5 rounded-full bg-slate-400"} />
                  {a.online ? t("online") : t("offline")}
                </Badge>
              ) : <Badge tone="amber">{t("off")}</Badge>}
            </div>
            <ChatCost cost={a.cost} currency={tenant.currency} />
            <dl className="grid grid-cols-2 gap-1 text-xs text-slate-600">
              <dt>{t("model")}</dt>
              <dd className="truncate text-slate-900">{a.model ?? t("defaultModel")}</dd>
              <dt>{t("skills")}</dt>
              <dd className="truncate">{a.skills.length ? a.skills.map((s) => t(`skill.${s as "tts"}`)).join(", ") : t("noSkills")}</dd>
            </dl>
            {canSwitch ? <OnOff tenantId={tenantId} agent={a} onError={setError} /> : null}
            <div className="mt-auto flex gap-2">
              <Link href={`/t/${tenantId}/agents/${a.id}`} className="inline-flex h-8 items-center rounded-md border border-slate-300 px-2.5 text-sm font-medium hover:bg-slate-50" aria-label={t("editNamed", { name: a.name })}>
                {canEdit ? t("edit") : t("view")}
              </Link>
              {canEdit ? <DuplicateAgent tenantId={tenantId} agentId={a.id} name={a.name} externalId={a.externalId} /> : null}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Switched off, an agent answers nowhere: its routes leave the config the bots pull next. */
function OnOff({ tenantId, agent, onError }: { tenantId: string; agent: { id: string; name: string; enabled: boolean }; onError: (m: string | null) => void }) {
  const t = useTranslations("agents");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const set = useMutation(
    trpc.agent.setEnabled.mutationOptions({
      onMutate: () => onError(null),
      onError: (e) => onError(errorText(e)),
      onSettled: () => qc.invalidateQueries({ queryKey: trpc.agent.list.queryKey({ tenantId }) }),
    }),
  );
  const checked = set.isPending && set.variables ? set.variables.enabled : agent.enabled;
  return (
    <label className="flex items-center justify-between gap-3 text-sm">
      <span>{checked ? t("switchOn") : t("switchOff")}</span>
      <Switch aria-label={t("switchFor", { name: agent.name })} checked={checked} disabled={set.isPending} onCheckedChange={(v) => set.mutate({ tenantId, agentId: agent.id, enabled: v })} />
    </label>
  );
}

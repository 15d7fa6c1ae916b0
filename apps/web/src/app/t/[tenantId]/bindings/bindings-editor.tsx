"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { Button } from "~/components/ui/button";
import { Select } from "~/components/ui/input";
import { Badge, Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { RuleBuilder } from "./rule-builder";

/** "whatsapp:dm:*" → words; the pattern itself is never shown. */
function usePatternWords() {
  const tr = useTranslations("bindings.rule");
  return (pattern: string) => {
    const [, kind = "", id = ""] = pattern.split(":");
    if (id === "*") return kind === "group" ? tr("allGroups") : kind === "dm" ? tr("allDms") : tr("allChannels");
    return kind === "dm" ? tr("theDm", { name: id.split("@")[0] ?? id }) : tr("aChat");
  };
}

type Issue = { kind: string; message: string; chatName?: string; pattern?: string; agentName?: string };

/** A problem in the reader's language, from its fields (the server's English sentence is the fallback). */
function useIssueText() {
  const t = useTranslations("bindings.issue");
  const words = usePatternWords();
  return (i: Issue) => {
    const where = i.chatName ?? (i.pattern ? words(i.pattern) : "");
    const agent = i.agentName ?? "";
    switch (i.kind) {
      case "unbound": return t("unbound", { where });
      case "disabled-agent": return t("disabledAgent", { where, agent });
      case "blocked-group": return t("blockedGroup", { where });
      case "instance-mismatch": return t("instanceMismatch", { where, agent });
      default: return i.message;
    }
  };
}

export function BindingsEditor({ tenantId }: { tenantId: string }) {
  const t = useTranslations("bindings");
  const issueText = useIssueText();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const words = usePatternWords();
  const { data: overview } = useSuspenseQuery(trpc.binding.overview.queryOptions({ tenantId }));
  const { data: chats } = useSuspenseQuery(trpc.channel.chats.queryOptions({ tenantId }));
  const { data: agents } = useSuspenseQuery(trpc.agent.list.queryOptions({ tenantId }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canEdit = tenant.myRole === "OWNER" || tenant.myRole === "ADMIN";
  const [error, setError] = useState<string | null>(null);
  const refresh = () => Promise.all([trpc.binding.overview, trpc.channel.chats, trpc.agent.list].map((p) => qc.invalidateQueries({ queryKey: p.queryKey({ tenantId }) })));
  const onError = (e: { message: string; data?: { code?: string } | null }) => setError(errorText(e));
  const create = useMutation(trpc.binding.create.mutationOptions({ onSettled: refresh, onError }));
  const reassign = useMutation(trpc.binding.reassign.mutationOptions({ onSettled: refresh, onError }));
  const remove = useMutation(trpc.binding.delete.mutationOptions({ onSettled: refresh, onError }));
  const patterns = overview.bindings.filter((b) => b.pattern);

  const route = (c: { id: string; bindingId: string | null }, agentId: string) => {
    setError(null);
    if (!agentId && c.bindingId) return remove.mutate({ tenantId, bindingId: c.bindingId });
    if (!agentId) return;
    if (c.bindingId) reassign.mutate({ tenantId, bindingId: c.bindingId, agentId });
    else create.mutate({ tenantId, channelId: c.id, agentId });
  };
  const chatRows = (rows: Array<(typeof chats.groups)[number] | (typeof chats.dms)[number]>, label: string) => (
    <Card className="mt-6">
      <h2 className="mb-3 font-medium">{label}</h2>
      <ul className="divide-y divide-slate-100" aria-label={label}>
        {rows.length === 0 ? <li className="py-2 text-sm text-slate-500">{t("noneYet")}</li> : null}
        {rows.map((c) => (
          <li key={c.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
            <p className="min-w-0 font-medium" title={c.rawId}>
              {c.name} {!c.agent ? (c.viaRule ? <Badge>{t("byRule", { agent: c.viaRule.name })}</Badge> : <Badge tone="amber">{t("nobody")}</Badge>) : null} {c.policy === "BLOCKED" ? <Badge tone="red">{t("blocked")}</Badge> : null}
            </p>
            <Select aria-label={t("agentFor", { name: c.name })} className="sm:w-64" disabled={!canEdit} value={c.agent?.id ?? ""} onChange={(e) => route(c, e.target.value)}>
              <option value="">{t("nobodyOption")}</option>
              {agents.map((a) => <option key={a.id} value={a.id}>{a.emoji ?? "🤖"} {a.name}{a.enabled ? "" : ` (${t("off")})`}</option>)}
            </Select>
          </li>
        ))}
      </ul>
    </Card>
  );

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {overview.issues.length ? (
        <Card className="mb-6 border-amber-300 bg-amber-50">
          <h2 className="mb-2 font-medium text-amber-900">{t("attention", { count: overview.issues.length })}</h2>
          <ul className="list-disc space-y-1 pl-5 text-sm text-amber-900" aria-label={t("problems")}>
            {overview.issues.map((i, n) => <li key={n}>{issueText(i)}</li>)}
          </ul>
        </Card>
      ) : (
        <p className="mb-6 text-sm text-emerald-700">{t("allGood")}</p>
      )}
      <ErrorNote message={error} />
      {canEdit ? (
        <Card>
          <h2 className="mb-3 font-medium">{t("newRule")}</h2>
          <RuleBuilder tenantId={tenantId} agents={agents} chats={chats} onDone={refresh} />
        </Card>
      ) : null}
      {chatRows(chats.groups, t("groups"))}
      {chatRows(chats.dms, t("dms"))}
      <Card className="mt-6">
        <h2 className="mb-3 font-medium">{t("wide")}</h2>
        <ul className="divide-y divide-slate-100" aria-label={t("wide")}>
          {patterns.length === 0 ? <li className="py-2 text-sm text-slate-500">{t("noWide")}</li> : null}
          {patterns.map((b) => (
            <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <span>{t("wideRule", { agent: `${b.agent.emoji ?? ""} ${b.agent.name}`.trim(), where: words(b.pattern!) })}</span>
              {canEdit ? <Button size="sm" variant="danger" aria-label={t("removeRule", { where: words(b.pattern!) })} onClick={() => remove.mutate({ tenantId, bindingId: b.id })}>{t("remove")}</Button> : null}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

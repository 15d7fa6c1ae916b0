"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { DateTime } from "~/components/i18n/formatted";
import { Button } from "~/components/ui/button";
import { Badge, Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { BotStatusBadges } from "../status";
import { useChangeWords } from "./change-words";

const tone = { PENDING: "blue", APPLIED: "green", FAILED: "red", SUPERSEDED: "gray" } as const;

/** One bot: its status and its published changes, each saying what changed in names. */
export function InstanceDetail({ tenantId, instanceId }: { tenantId: string; instanceId: string }) {
  const t = useTranslations("bots.detail");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const words = useChangeWords();
  const { data: inst } = useSuspenseQuery(trpc.instanceAdmin.get.queryOptions({ tenantId, instanceId }));
  const { data: revisions } = useSuspenseQuery(trpc.configRevision.list.queryOptions({ tenantId, instanceId, take: 50 }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canManage = tenant.myRole === "OWNER" || tenant.myRole === "ADMIN";
  const [open, setOpen] = useState<string | null>(null);
  const pending = inst.pendingRevision ? (revisions.find((r) => r.id === inst.pendingRevision?.id) ?? { ...inst.pendingRevision, changes: null }) : null;
  // A rollback restores agents, groups and bindings too: every cached page is stale afterwards.
  const rollback = useMutation(trpc.configRevision.rollback.mutationOptions({ onSettled: () => qc.invalidateQueries() }));
  return (
    <>
      <PageHeader title={inst.name} description={t("versions", { host: inst.hostVersion ?? "?", plugin: inst.pluginVersion ?? "?" })} actions={<Link className="text-sm underline" href={`/t/${tenantId}/instances`}>{t("all")}</Link>} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Card><p className="text-xs text-slate-500">{t("status")}</p><div className="mt-1"><BotStatusBadges status={inst.status} lastSeenAt={inst.lastSeenAt} /></div></Card>
        <Card><p className="text-xs text-slate-500">{t("running")}</p><p className="mt-1 font-medium" data-testid="applied-revision">{inst.appliedRevision ? t("version", { version: inst.appliedRevision.version }) : t("nothingYet")}</p></Card>
        <Card><p className="text-xs text-slate-500">{t("waiting")}</p><p className="mt-1 break-words font-medium" data-testid="pending-revision">{pending ? `${t("version", { version: pending.version })} — ${pending.changes?.length ? words(pending.changes) : (pending.summary ?? "")}` : t("nothing")}</p></Card>
      </div>
      {inst.lastError ? <div className="mt-3"><ErrorNote message={t("lastError", { error: inst.lastError })} /></div> : null}
      <ErrorNote message={errorText(rollback.error)} />
      <h2 className="mb-2 mt-6 font-medium">{t("changes")}</h2>
      <ol className="space-y-2" aria-label={t("changes")}>
        {revisions.map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`revision-v${r.version}`}>
            <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
              <div className="min-w-0">
                <p className="font-medium">
                  {t("version", { version: r.version })} <Badge tone={tone[r.status]}>{t(`state.${r.status}`)}</Badge>{" "}
                  {inst.appliedRevision?.id === r.id ? <Badge tone="green">{t("current")}</Badge> : null}
                </p>
                <p className="break-words text-sm text-slate-700" data-testid="revision-summary">{r.changes?.length ? words(r.changes) : r.summary}</p>
                <p className="text-xs text-slate-500">{r.createdBy?.email ?? t("system")} · <DateTime value={r.createdAt} /></p>
                {r.error ? <p className="text-xs text-red-700">{r.error}</p> : null}
              </div>
              <div className="flex flex-wrap gap-2">
                <Button size="sm" variant="ghost" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>{open === r.id ? t("hideConfig") : t("showConfig")}</Button>
                {canManage && r.version !== revisions[0]?.version ? (
                  <ConfirmRollback version={r.version} pending={rollback.isPending} onConfirm={() => rollback.mutate({ tenantId, revisionId: r.id })} />
                ) : null}
              </div>
            </div>
            {open === r.id ? <RevisionConfig tenantId={tenantId} revisionId={r.id} /> : null}
          </li>
        ))}
        {revisions.length === 0 ? <li className="text-sm text-slate-500">{t("none")}</li> : null}
      </ol>
    </>
  );
}

function RevisionConfig({ tenantId, revisionId }: { tenantId: string; revisionId: string }) {
  const td = useTranslations("bots.detail");
  const trpc = useTRPC();
  const q = useQuery(trpc.configRevision.get.queryOptions({ tenantId, revisionId }));
  if (!q.data) return <p className="mt-2 text-xs text-slate-500">{td("loading")}</p>;
  return <pre className="mt-2 max-h-96 max-w-full overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(q.data.config, null, 2)}</pre>;
}

/** A rollback rewrites the saved settings of the whole team, so it says so before it happens. */
function ConfirmRollback({ version, pending, onConfirm }: { version: number; pending: boolean; onConfirm: () => void }) {
  const tr = useTranslations("bots.detail.rollback");
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button size="sm" variant="secondary" disabled={pending} aria-label={tr("buttonFor", { version })}>{tr("button")}</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/30" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[90vw] max-w-sm -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{tr("title", { version })}</Dialog.Title>
          <Dialog.Description className="text-sm text-slate-600">{tr("description", { version })}</Dialog.Description>
          <div className="flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary">{tr("cancel")}</Button>
            </Dialog.Close>
            <Button disabled={pending} onClick={() => { setOpen(false); onConfirm(); }}>{tr("confirm")}</Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { instanceNameSchema } from "@baas/api/schemas";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { useChangeWords } from "./[instanceId]/change-words";
import { ConnectPanel } from "./connect-panel";
import { NewKey, ShownOnce } from "./new-key";
import { BotStatusBadges } from "./status";

export function InstancesList({ tenantId, appUrl }: { tenantId: string; appUrl: string }) {
  const t = useTranslations("bots");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const words = useChangeWords();
  const { data: instances } = useSuspenseQuery(trpc.instanceAdmin.list.queryOptions({ tenantId }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canManage = tenant.myRole === "OWNER" || tenant.myRole === "ADMIN";
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  const create = useMutation(
    trpc.instanceAdmin.create.mutationOptions({
      onSuccess: (r) => setIssued({ name: r.name, key: r.key }),
      onSettled: () => qc.invalidateQueries({ queryKey: trpc.instanceAdmin.list.queryKey({ tenantId }) }),
    }),
  );
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ul className="grid gap-3 md:grid-cols-2" aria-label={t("title")}>
        {instances.length === 0 ? <li className="text-sm text-slate-500">{t("none")}</li> : null}
        {instances.map((i) => (
          <li key={i.id} data-testid={`bot-${i.name}`}>
            <Card className="space-y-2">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link href={`/t/${tenantId}/instances/${i.id}`} className="font-medium underline-offset-2 hover:underline">{i.name}</Link>
                <BotStatusBadges status={i.status} lastSeenAt={i.lastSeenAt} />
              </div>
              {i.status.config === "behind" && i.pendingRevision ? <p className="text-sm text-slate-600">{t("waiting", { summary: i.pendingRevision.changes?.length ? words(i.pendingRevision.changes) : (i.pendingRevision.summary ?? "") })}</p> : null}
              {i.lastError ? <p className="text-sm text-red-700">{t("lastError", { error: i.lastError })}</p> : null}
              <p className="text-xs text-slate-500">{t("versions", { host: i.hostVersion ?? "?", plugin: i.pluginVersion ?? "?", key: i.keyPrefix })}</p>
              {canManage && !i.revokedAt ? <NewKey tenantId={tenantId} instanceId={i.id} name={i.name} onIssued={(key) => setIssued({ name: i.name, key })} /> : null}
            </Card>
          </li>
        ))}
      </ul>
      {issued ? <div className="mt-4"><ShownOnce name={issued.name} value={issued.key} /></div> : null}
      {canManage ? (
        <Card className="mt-6 space-y-3">
          <h2 className="font-medium">{t("add")}</h2>
          <form className="flex flex-col gap-2 sm:flex-row" noValidate onSubmit={(e) => {
            e.preventDefault();
            // The router's own schema, so a bad name is said here before anything is sent.
            const parsed = instanceNameSchema.safeParse(name);
            setNameError(parsed.success ? null : (parsed.error.issues[0]?.message ?? null));
            if (parsed.success) create.mutate({ tenantId, name: parsed.data });
          }}>
            <label htmlFor="instance-name" className="sr-only">{t("nameLabel")}</label>
            <Input id="instance-name" placeholder={t("namePlaceholder")} value={name} onChange={(e) => setName(e.target.value)} />
            <Button type="submit" className="shrink-0 whitespace-nowrap" disabled={create.isPending}>{t("createKey")}</Button>
          </form>
          <ErrorNote message={nameError ?? errorText(create.error)} />
        </Card>
      ) : null}
      <Card className="mt-6 min-w-0">
        <ConnectPanel appUrl={appUrl} instanceKey={issued?.key} />
      </Card>
    </>
  );
}

"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { Button } from "~/components/ui/button";
import { Select } from "~/components/ui/input";
import { Badge, Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { severityTone } from "./alert-labels";

type Status = "open" | "acknowledged" | "all";
const KINDS = ["BUDGET_THRESHOLD", "HOLD_EXCEEDED", "USAGE_DEAD_LETTER", "ACCOUNT_DISABLED", "ACCOUNT_COOLDOWN", "INSTANCE_OFFLINE", "CONFIG_FAILED", "ERROR_RATE", "COST_ANOMALY"] as const;
type Kind = (typeof KINDS)[number];
type AlertRow = { kind: string; message: string; thresholdPct: number | null; budget: { name: string } | null };

/** A budget alert is rebuilt from its fields in the reader's language; other kinds explain themselves and keep the recorded text under "Details". */
export function AlertText({ a }: { a: AlertRow }) {
  const t = useTranslations("alerts");
  if (a.kind === "BUDGET_THRESHOLD" && a.budget && a.thresholdPct !== null) return <p className="break-words">{t("budgetReached", { name: a.budget.name, pct: a.thresholdPct })}</p>;
  const known = t.has(`explain.${a.kind}`);
  return (
    <>
      <p className="break-words">{known ? t(`explain.${a.kind as "ERROR_RATE"}`) : a.message}</p>
      {known ? (
        <details className="text-xs text-slate-500">
          <summary className="cursor-pointer">{t("details")}</summary>
          <p className="break-words">{a.message}</p>
        </details>
      ) : null}
    </>
  );
}

/** An alert kind in the reader's language (the code itself for a kind the catalog does not know). */
export function useAlertKindLabel() {
  const t = useTranslations("alerts");
  return (k: string) => (t.has(`kinds.${k}`) ? t(`kinds.${k as "ERROR_RATE"}`) : k);
}

export function AlertsPanel({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [status, setStatus] = useState<Status>("open");
  const [kind, setKind] = useState<Kind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations("alerts");
  const errorText = useErrorText();
  const format = useFormatter();
  const when = (d: Date | string) => format.dateTime(new Date(d), { dateStyle: "short", timeStyle: "short", timeZone: tenant.timezone });
  const label = (k: string) => (t.has(`kinds.${k}`) ? t(`kinds.${k as "ERROR_RATE"}`) : k);
  const { data: alerts } = useSuspenseQuery(trpc.alert.list.queryOptions({ tenantId, status, kind }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canAck = tenant.myRole === "ADMIN" || tenant.myRole === "OWNER";
  const ack = useMutation(
    trpc.alert.acknowledge.mutationOptions({
      onError: (e) => setError(errorText(e)),
      onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: trpc.alert.list.pathKey() }), qc.invalidateQueries({ queryKey: trpc.alert.openCount.queryKey({ tenantId }) })]),
    }),
  );
  const open = alerts.filter((a) => !a.acknowledgedAt);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={canAck && open.length > 1 ? <Button variant="secondary" disabled={ack.isPending} onClick={() => ack.mutate({ tenantId, alertIds: open.map((a) => a.id) })}>{t("ackAll")}</Button> : null}
      />
      <div className="mb-4 flex flex-wrap gap-3">
        <label className="flex items-center gap-2 text-sm">
          {t("show")}
          <Select aria-label={t("status")} className="w-40" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            <option value="open">{t("statusOpen")}</option>
            <option value="acknowledged">{t("statusAcknowledged")}</option>
            <option value="all">{t("statusAll")}</option>
          </Select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          {t("kind")}
          <Select aria-label={t("kind")} className="w-48" value={kind ?? ""} onChange={(e) => setKind((e.target.value || null) as Kind | null)}>
            <option value="">{t("everyKind")}</option>
            {KINDS.map((k) => <option key={k} value={k}>{label(k)}</option>)}
          </Select>
        </label>
      </div>
      <ErrorNote message={error} />
      {alerts.length === 0 ? <p className="text-sm text-slate-500">{status === "open" ? t("nothing") : t("none")}</p> : null}
      <ul className="space-y-2" aria-label={t("listLabel")}>
        {alerts.map((a) => (
          <li key={a.id}>
            <Card className="flex flex-wrap items-start gap-3 p-3" data-testid={`alert-row-${a.kind}`}>
              <Badge tone={a.acknowledgedAt ? "gray" : severityTone(a.severity)}>{label(a.kind)}</Badge>
              <div className="min-w-0 flex-1 text-sm">
                <AlertText a={a} />
                <p className="text-xs text-slate-500">
                  {when(a.createdAt)}
                  {a.budget ? ` · ${t("budget", { name: a.budget.name })}` : ""}
                  {a.acknowledgedAt ? ` · ${a.acknowledgedByEmail ? t("acknowledgedBy", { at: when(a.acknowledgedAt), email: a.acknowledgedByEmail }) : t("acknowledgedAt", { at: when(a.acknowledgedAt) })}` : ""}
                </p>
              </div>
              {canAck && !a.acknowledgedAt ? <Button size="sm" variant="secondary" disabled={ack.isPending} onClick={() => ack.mutate({ tenantId, alertIds: [a.id] })}>{t("acknowledge")}</Button> : null}
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}

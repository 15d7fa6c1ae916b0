"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { DateTime, Num } from "~/components/i18n/formatted";
import { formatMoney } from "~/i18n/format";
import { Badge, Card, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { CostBreakdown } from "./cost-breakdown";
import { BudgetMeter } from "./budget-meter";
import { severityTone } from "../alerts/alert-labels";
import { AlertText, useAlertKindLabel } from "../alerts/alerts-panel";

export function TenantOverview({ tenantId }: { tenantId: string }) {
  const t = useTranslations("overview");
  const alertKind = useAlertKindLabel();
  const locale = useLocale();
  const trpc = useTRPC();
  const { data: o } = useSuspenseQuery(trpc.overview.get.queryOptions({ tenantId }));
  const money = (micros: number, currency = o.currency) => formatMoney(locale, micros / 1e6, currency);
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { month: o.month, timezone: o.timezone })} />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Card>
          <p className="text-xs text-slate-500">{t("agentsOnline")}</p>
          <p className="mt-1 text-2xl font-semibold" data-testid="agents-online">{o.agents.online}</p>
          <p className="text-xs text-slate-500">{t("agentsOffline", { count: o.agents.offline })}{o.agents.disabled ? ` · ${t("agentsOff", { count: o.agents.disabled })}` : ""}</p>
        </Card>
        <Card>
          <p className="text-xs text-slate-500">{t("monthCost")}</p>
          <p className="mt-1 break-words text-2xl font-semibold" data-testid="month-cost">{money(o.cost.totalMicros)}</p>
          <p className="text-xs text-slate-500"><Num value={o.cost.calls} /> {t("calls")}</p>
        </Card>
        <Card className="col-span-2">
          <p className="text-xs text-slate-500">{t("bots")}</p>
          <ul className="mt-1 space-y-1 text-sm" aria-label={t("bots")}>
            {o.instances.length === 0 ? <li className="text-slate-500">{t("noBots")}</li> : null}
            {o.instances.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-x-2 gap-y-1" data-testid={`instance-${i.name}`}>
                <Link className="font-medium underline-offset-2 hover:underline" href={`/t/${tenantId}/instances/${i.id}`}>{i.name}</Link>
                <Badge tone={i.online ? "green" : "gray"}>{i.online ? t("online") : t("offline")}</Badge>
                <span className="text-slate-600">{i.applied ? t("running", { version: i.applied.version }) : t("runningNothing")}</span>
                {i.pending ? <Badge tone="blue">{t("waiting", { version: i.pending.version })}</Badge> : <span className="text-slate-500">{t("upToDate")}</span>}
                {i.lastError ? <span className="w-full truncate text-xs text-red-700">{i.lastError}</span> : null}
              </li>
            ))}
          </ul>
        </Card>
      </div>
      {o.alerts.length > 0 ? (
        <>
          <h2 className="mb-2 mt-6 flex items-baseline justify-between font-medium">
            {t("attention")}
            <Link className="text-sm font-normal underline" href={`/t/${tenantId}/alerts`}>{t("allAlerts")}</Link>
          </h2>
          <ul className="space-y-2" aria-label={t("alerts")}>
            {o.alerts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-start gap-2 rounded-md border border-slate-200 bg-white p-3 text-sm" data-testid={`alert-${a.kind}`}>
                <Badge tone={severityTone(a.severity)}>{alertKind(a.kind)}</Badge>
                <div className="min-w-0 flex-1"><AlertText a={a} /></div>
                <span className="text-xs text-slate-500"><DateTime value={a.createdAt} timeZone={o.timezone} /></span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 className="mb-2 mt-6 font-medium">{t("budgets")}</h2>
      {o.budgets.length === 0 ? <p className="text-sm text-slate-500">{t("noBudgets")}</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2" aria-label={t("budgets")}>
        {o.budgets.map((b) => (
          <li key={b.id}>
            <BudgetMeter budget={b} />
          </li>
        ))}
      </ul>
      <h2 className="mb-2 mt-6 font-medium">{t("whereMoney")}</h2>
      <div className="grid gap-3 lg:grid-cols-3">
        <CostBreakdown title={t("byChat")} testId="cost-by-channel" data={o.cost.byChannel} money={money} />
        <CostBreakdown title={t("byAgent")} testId="cost-by-agent" data={o.cost.byAgent} money={money} />
        <CostBreakdown title={t("byModel")} testId="cost-by-model" data={o.cost.byModel} money={money} />
      </div>
    </>
  );
}

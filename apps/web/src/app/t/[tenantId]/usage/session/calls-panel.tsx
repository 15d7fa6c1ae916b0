"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import type { RangeInput } from "@baas/api/schemas";
import { useTenantCurrency } from "~/components/i18n/currency";
import { PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { DataTable } from "../data-table";
import { ExportButtons } from "../export-buttons";
import type { ScreenTable } from "../export";
import { cashTenantMicros, major, rangeQuery, when } from "../format";
import { useSessionLabel } from "./session-label";

/** The single calls of one session: time, model, tokens, cost, account, fallback path, latency, status. */
export function CallsPanel({ tenantId, range, sessionKey }: { tenantId: string; range: RangeInput; sessionKey: string }) {
  const trpc = useTRPC();
  const t = useTranslations("usage");
  const locale = useLocale();
  const { usdRate } = useTenantCurrency();
  const label = useSessionLabel()(sessionKey);
  const { data } = useSuspenseQuery(trpc.analytics.calls.queryOptions({ tenantId, ...range, sessionKey }));
  const c = data.tenant.currency;
  const account = (a: string) => (a === "response cache" ? t("calls.responseCache") : a);
  const status = (s: string) => (t.has(`calls.statuses.${s}`) ? t(`calls.statuses.${s as "OK"}`) : s);
  const table: ScreenTable = {
    id: "calls", title: t("calls.title", { session: label, from: data.from, to: data.to }),
    columns: [t("calls.time"), t("tables.model"), t("calls.in"), t("calls.out"), t("calls.cacheR"), t("calls.cacheW"), t("tables.listTenant", { currency: c }), t("tables.cashTenant", { currency: c }), t("tables.account"), t("calls.path"), t("calls.latency"), t("calls.ttft"), t("calls.status"), t("tables.cashUsd")],
    rows: data.calls.map((x) => [
      when(locale, x.occurredAt, data.tenant.timezone), x.model, x.inputTokens, x.outputTokens, x.cacheReadTokens, x.cacheWriteTokens,
      major(x.costTenantMicros), major(cashTenantMicros(x.costListUsdMicros, x.costTenantMicros, x.costCashUsdMicros, usdRate)),
      account(x.account), x.fallbackPath.join(" → "), x.latencyMs, x.ttftMs, x.errorCode ? `${status(x.status)} ${x.errorCode}` : status(x.status), major(x.costCashUsdMicros),
    ]),
  };
  const first = data.calls[0];
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link className="text-brand-700 underline" href={`/t/${tenantId}/usage?${rangeQuery(range)}`}>{t("back")}</Link>
        {first?.channelId ? <> · <Link className="text-brand-700 underline" href={`/t/${tenantId}/usage/channel/${first.channelId}?${rangeQuery(range)}`}>{first.channel}</Link></> : null}
      </nav>
      <PageHeader title={t("calls.heading")} description={t("calls.desc", { session: label })} actions={<ExportButtons name={`calls-${data.from}-${data.to}`} meta={{ sessionKey, from: data.from, to: data.to }} tables={[table]} />} />
      <DataTable table={table} formats={["text", "text", "int", "int", "int", "int", "money", "money", "text", "text", "int", "int", "text", "usd"]} empty={t("calls.empty")} dense />
    </>
  );
}

"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import type { RangeInput } from "@baas/api/schemas";
import { PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { DataTable } from "../../data-table";
import { ExportButtons } from "../../export-buttons";
import type { ScreenTable } from "../../export";
import { major, rangeQuery, when } from "../../format";
import { RangePicker } from "../../range-picker";
import { useSessionLabel } from "../../session/session-label";

/** A channel's or agent's sessions in the window; each links to its single calls. */
export function SessionsPanel({ tenantId, range, scope, id }: { tenantId: string; range: RangeInput; scope: "agent" | "channel"; id: string }) {
  const trpc = useTRPC();
  const t = useTranslations("usage");
  const locale = useLocale();
  const sessionLabel = useSessionLabel();
  const { data } = useSuspenseQuery(trpc.analytics.sessions.queryOptions({ tenantId, ...range, scope, id }));
  const c = data.tenant.currency;
  const q = rangeQuery(range);
  const table: ScreenTable = {
    id: "sessions", title: t("sessions.title", { label: data.label, from: data.from, to: data.to }),
    columns: [t("sessions.session"), t("tables.listTenant", { currency: c }), t("tables.calls"), t("tables.errors"), t("tables.tokens"), t("sessions.first"), t("sessions.last"), t("tables.listUsd")],
    rows: data.sessions.map((s) => [s.sessionKey, major(s.costTenantMicros), s.calls, s.errors, s.tokens, when(locale, s.firstAt, data.tenant.timezone), when(locale, s.lastAt, data.tenant.timezone), major(s.costUsdMicros)]),
  };
  return (
    <>
      <nav className="mb-2 text-sm"><Link className="text-brand-700 underline" href={`/t/${tenantId}/usage?${q}`}>{t("back")}</Link></nav>
      <PageHeader title={data.label} description={scope === "agent" ? t("sessions.descAgent") : t("sessions.descChannel")} actions={<ExportButtons name={`sessions-${data.from}-${data.to}`} meta={{ scope, label: data.label, from: data.from, to: data.to }} tables={[table]} />} />
      <div className="mb-4"><RangePicker range={range.range} from={range.from} to={range.to} /></div>
      <DataTable
        table={table}
        formats={["text", "money", "int", "int", "int", "text", "text", "usd"]}
        firstCell={(v) => ({ text: sessionLabel(String(v ?? "")), title: String(v ?? "") })}
        links={data.sessions.map((s) => (s.sessionKey ? `/t/${tenantId}/usage/session?key=${encodeURIComponent(s.sessionKey)}&${q}` : null))}
        empty={t("sessions.empty")}
      />
    </>
  );
}

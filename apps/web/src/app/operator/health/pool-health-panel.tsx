"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { CostPair } from "~/components/i18n/money";
import { Input } from "~/components/ui/input";
import { Badge, Card, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

function useWhen() {
  const format = useFormatter();
  return (d: Date | string | null) => (d ? format.dateTime(new Date(d), { dateStyle: "short", timeStyle: "short" }) : "—");
}

/** A rolling subscription window as a bar: red from 90 %, where the gateway rotates away. */
function WindowBar({ label, used, resetAt }: { label: string; used: number | null; resetAt: Date | string | null }) {
  const t = useTranslations("operator.health");
  const when = useWhen();
  if (used === null) return <p className="text-xs text-slate-500">{t("noReport", { label })}</p>;
  const pct = Math.round(used * 100);
  return (
    <div className="text-xs">
      <div className="flex justify-between"><span>{label}</span><span className="tabular-nums">{t("resets", { pct, at: when(resetAt) })}</span></div>
      <div className="mt-1 h-1.5 rounded-full bg-slate-100" aria-label={t("used", { label, pct })}>
        <div className={pct >= 90 ? "h-1.5 rounded-full bg-red-500" : pct >= 70 ? "h-1.5 rounded-full bg-amber-500" : "h-1.5 rounded-full bg-emerald-500"} style={{ width: `${Math.min(100, Math.max(2, pct))}%` }} />
      </div>
    </div>
  );
}

export function PoolHealthPanel() {
  const trpc = useTRPC();
  const { data: all } = useSuspenseQuery({ ...trpc.operator.poolHealth.queryOptions(), refetchInterval: 30_000 });
  const [filter, setFilter] = useState("");
  const t = useTranslations("operator");
  const when = useWhen();
  const n = useFormatter().number;
  const q = filter.trim().toLowerCase();
  const data = q ? all.filter((a) => `${a.name} ${a.provider} ${a.status}`.toLowerCase().includes(q)) : all;
  return (
    <>
      <PageHeader title={t("health.title")} description={t("health.description")} />
      <Input aria-label={t("health.filter")} placeholder={t("health.filterPlaceholder")} value={filter} onChange={(e) => setFilter(e.target.value)} className="mb-4 max-w-sm" />
      <div className="grid gap-4 md:grid-cols-2" data-testid="pool-health">
        {data.map((a) => (
          <Card key={a.id} className="min-w-0 space-y-2" data-testid={`health-${a.name}`}>
            <div className="flex items-start justify-between gap-2">
              <div className="min-w-0"><p className="truncate font-medium">{a.name}</p><p className="text-xs text-slate-500">{a.provider} · {t(`kind.${a.kind}`)} · {t("health.priority", { n: a.priority })}</p></div>
              {a.status === "DISABLED" ? <Badge tone="red">{t("health.disabled")}</Badge> : a.lastError ? <Badge tone="amber">{t("health.errorsToday")}</Badge> : <Badge tone="green">{t("health.healthy")}</Badge>}
            </div>
            {a.disabledReason ? <p className="text-xs text-red-700">{a.disabledReason}</p> : null}
            {a.kind === "MAX_SUBSCRIPTION" ? (
              <>
                <WindowBar label={t("health.window5h")} used={a.window5hUtilization} resetAt={a.window5hResetAt} />
                <WindowBar label={t("health.window7d")} used={a.window7dUtilization} resetAt={a.window7dResetAt} />
              </>
            ) : null}
            <p className="text-sm tabular-nums">{t("health.today", { calls: n(a.today.calls), errors: n(a.today.errors), fallbacks: n(a.today.fallbacks) })}</p>
            {/* The pool spans every tenant, so its money is in USD, the currency the providers bill. */}
            <CostPair listUsd={a.today.costListUsdMicros / 1e6} cashUsd={a.today.costCashUsdMicros / 1e6} className="flex flex-wrap gap-x-3 text-sm" />
            <p className="text-xs text-slate-600">{a.lastError ? t("health.lastError", { at: when(a.lastError.at), code: a.lastError.code ?? t("health.error"), model: a.lastError.model }) : t("health.noError")}</p>
          </Card>
        ))}
      </div>
    </>
  );
}

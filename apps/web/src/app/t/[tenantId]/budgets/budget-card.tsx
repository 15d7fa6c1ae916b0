"use client";
import type { RouterOutputs } from "@baas/api";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Money } from "~/components/i18n/money";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { Badge, Card } from "~/components/ui/misc";

export type BudgetRow = RouterOutputs["budget"]["list"][number];

/** Under 50 % green, to 80 % yellow, to 100 % orange, past it red. */
function toneOf(pct: number): { bar: string; badge: "green" | "amber" | "red" } {
  if (pct >= 100) return { bar: "bg-red-500", badge: "red" };
  if (pct >= 80) return { bar: "bg-orange-500", badge: "amber" };
  if (pct >= 50) return { bar: "bg-yellow-400", badge: "amber" };
  return { bar: "bg-emerald-500", badge: "green" };
}

/** "resets in 5 h" within two days, else in days. */
function useResetsIn() {
  const t = useTranslations("budgets.card");
  return (at: Date) => {
    const h = Math.max(0, (at.getTime() - Date.now()) / 3_600_000);
    return h < 48 ? t("resetsHours", { hours: Math.max(1, Math.round(h)) }) : t("resetsDays", { days: Math.round(h / 24) });
  };
}

/** Used and limit in the tenant's currency (a USD budget is converted; USD stays on hover). */
function Limits({ b }: { b: BudgetRow }) {
  const t = useTranslations("budgets.card");
  const money = (micros: number) => <Money amount={micros / 1e6} currency={b.currency} />;
  const parts: React.ReactNode[] = [];
  if (b.limitMoneyMicros !== null) parts.push(b.usedMoneyMicros !== null ? t.rich("moneyOf", { used: () => money(b.usedMoneyMicros!), limit: () => money(b.limitMoneyMicros!) }) : money(b.limitMoneyMicros));
  if (b.limitTokens !== null) parts.push(t("tokens", { count: b.limitTokens }));
  if (b.limitMessages !== null) parts.push(t("messages", { count: b.limitMessages }));
  return <p className="mt-2 text-xs text-slate-600">{parts.map((p, i) => <span key={i}>{i ? " · " : ""}{p}</span>)}</p>;
}

export function BudgetCard(props: { budget: BudgetRow; canEdit: boolean; busy: boolean; onEdit: () => void; onToggle: () => void; onDelete: () => void }) {
  const { budget: b, canEdit, busy } = props;
  const t = useTranslations("budgets");
  const tc = useTranslations("common.actions");
  const resetsIn = useResetsIn();
  const format = useFormatter();
  const pctText = (n: number) => format.number(n / 100, { style: "percent", maximumFractionDigits: 1 });
  const [confirming, setConfirming] = useState(false);
  const pct = b.usedPct ?? 0;
  const tone = toneOf(pct);
  return (
    <Card data-testid={`budget-card-${b.name}`} className={cn(!b.enabled && "opacity-70")}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate font-medium">{b.name}</p>
          <p className="text-xs text-slate-500">
            {b.scope === "TENANT" ? t("wholeTeam") : b.scopeLabel} · {t(`card.period.${b.period}`)} · {t(`card.action.${b.action}`)}
            {b.action === "DOWNGRADE" ? ` ${t("card.downgradeTo", { model: b.downgradeModel ?? t("card.nextModelDown") })}` : ""}
          </p>
        </div>
        {b.enabled ? <Badge tone={tone.badge}>{b.usedPct === null ? t("card.notMeasurable") : t("card.used", { pct: format.number(b.usedPct, { maximumFractionDigits: 1 }) })}</Badge> : <Badge>{t("card.paused")}</Badge>}
      </div>
      <div className="relative mt-3 h-2 rounded-full bg-slate-100" role="meter" aria-label={t("card.meter", { name: b.name })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.min(100, pct)}>
        <div className={cn("h-2 rounded-full", tone.bar)} style={{ width: `${Math.min(100, pct)}%` }} />
      </div>
      <Limits b={b} />
      <p className="text-xs text-slate-500">
        {resetsIn(new Date(b.resetsAt))}
        {b.projectedPct !== null ? ` · ${t("card.pace", { pct: format.number(b.projectedPct, { maximumFractionDigits: 1 }) })}` : ""} · {t("card.alertsAt", { list: b.thresholds.map(pctText).join(", ") })}
      </p>
      {canEdit ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button size="sm" variant="secondary" onClick={props.onEdit} disabled={busy}>{tc("edit")}</Button>
          <Button size="sm" variant="secondary" onClick={props.onToggle} disabled={busy}>{b.enabled ? t("card.pause") : t("card.resume")}</Button>
          {confirming ? (
            <>
              <Button size="sm" variant="danger" onClick={props.onDelete} disabled={busy}>{t("card.deleteForGood")}</Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>{t("card.keep")}</Button>
            </>
          ) : (
            <Button size="sm" variant="danger" onClick={() => setConfirming(true)} disabled={busy}>{tc("delete")}</Button>
          )}
        </div>
      ) : null}
    </Card>
  );
}

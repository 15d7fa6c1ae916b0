"use client";
import { useFormatter, useTranslations } from "next-intl";
import { Money } from "~/components/i18n/money";
import { Badge, Card } from "~/components/ui/misc";
import { cn } from "~/components/ui/cn";

interface BudgetView {
  id: string;
  name: string;
  scope: string;
  scopeLabel: string;
  period: string;
  action: string;
  currency: string;
  limitMoneyMicros: number | null;
  usedMoneyMicros: number | null;
  usedPct: number | null;
  thresholds: number[];
  reached: number[];
}

/** Percent used with a tick at each alert threshold; the bar turns amber then red as they are crossed. */
export function BudgetMeter({ budget: b }: { budget: BudgetView }) {
  const t = useTranslations("overview.budget");
  const format = useFormatter();
  const pctText = (x: number) => format.number(x / 100, { style: "percent", maximumFractionDigits: 1 });
  // Money in the workspace's currency (USD on hover), like every other figure on the page.
  const money = (micros: number) => <Money amount={micros / 1e6} currency={b.currency} />;
  const pct = b.usedPct ?? 0;
  const tone = pct >= 100 ? "red" : b.reached.length ? "amber" : "green";
  const bar = { red: "bg-red-500", amber: "bg-amber-500", green: "bg-emerald-500" }[tone];
  return (
    <Card data-testid={`budget-${b.name}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate font-medium">{b.name}</p>
          <p className="text-xs text-slate-500">{b.scope === "TENANT" ? t("wholeTeam") : b.scopeLabel} · {t(`period.${b.period as "DAILY"}`)} · {t(`action.${b.action as "BLOCK"}`)}</p>
        </div>
        <Badge tone={tone}>{b.usedPct === null ? t("notMeasurable") : t("used", { pct: pctText(b.usedPct) })}</Badge>
      </div>
      <div className="relative mt-3 h-2 rounded-full bg-slate-100" role="meter" aria-label={t("meter", { name: b.name })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.min(100, pct)}>
        <div className={cn("h-2 rounded-full", bar)} style={{ width: `${Math.min(100, pct)}%` }} />
        {b.thresholds.filter((t) => t < 100).map((t) => (
          <span key={t} className="absolute -top-0.5 h-3 w-px bg-slate-500" style={{ left: `${t}%` }} aria-hidden />
        ))}
      </div>
      <p className="mt-2 text-xs text-slate-500">
        {b.limitMoneyMicros !== null && b.usedMoneyMicros !== null ? <>{money(b.usedMoneyMicros)} {t("ofWord")} {money(b.limitMoneyMicros)} · </> : null}
        {t("alertsAt", { list: b.thresholds.map(pctText).join(", ") })}
        {b.reached.length ? ` · ${t("passed", { list: b.reached.map(pctText).join(", ") })}` : ""}
      </p>
    </Card>
  );
}

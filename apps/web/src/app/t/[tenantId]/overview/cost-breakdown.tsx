"use client";
import { useTranslations } from "next-intl";
import { Card } from "~/components/ui/misc";

/** Kept for the pages that still import it (budgets, pool health); new code uses ~/i18n/format. */
export function formatMoney(micros: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(micros / 1e6);
  } catch {
    return `${(micros / 1e6).toFixed(2)} ${currency}`;
  }
}

interface Breakdown {
  top: { key: string; label: string; costMicros: number }[];
  othersMicros: number;
}

/** A top-5 list with a proportional bar each, so the biggest spender stands out at a glance. */
export function CostBreakdown({ title, testId, data, money }: { title: string; testId: string; data: Breakdown; money: (m: number) => string }) {
  const t = useTranslations("overview");
  const max = Math.max(1, ...data.top.map((t) => t.costMicros));
  return (
    <Card>
      <h3 className="text-sm font-medium">{title}</h3>
      <ol className="mt-2 space-y-2 text-sm" data-testid={testId}>
        {data.top.length === 0 ? <li className="text-slate-500">{t("noUsage")}</li> : null}
        {data.top.map((row) => (
          <li key={row.key || "none"}>
            <div className="flex items-baseline justify-between gap-2">
              <span className="min-w-0 truncate">{row.key ? row.label : t("notAttributed")}</span>
              <span className="shrink-0 tabular-nums">{money(row.costMicros)}</span>
            </div>
            <div className="mt-1 h-1.5 rounded-full bg-slate-100" aria-hidden>
              <div className="h-1.5 rounded-full bg-brand-500" style={{ width: `${Math.max(2, (row.costMicros / max) * 100)}%` }} />
            </div>
          </li>
        ))}
        {data.othersMicros > 0 ? (
          <li className="flex justify-between text-slate-500">
            <span>{t("others")}</span>
            <span className="tabular-nums">{money(data.othersMicros)}</span>
          </li>
        ) : null}
      </ol>
    </Card>
  );
}

"use client";
import { useFormatter, useTranslations } from "next-intl";
import { Card } from "~/components/ui/misc";
import { cn } from "~/components/ui/cn";

interface Quota {
  /** Stable id for tests (English), whatever the language. */
  id: string;
  label: string;
  used: number;
  limit: number | null;
  note?: string;
  /** The gateway refuses at the limit (messages): full is red. Counts (groups, bots) are merely full. */
  blocks?: boolean;
}

function Bar({ q }: { q: Quota }) {
  const pct = q.limit === null ? 0 : q.limit === 0 ? 100 : Math.min(100, (q.used / q.limit) * 100);
  const over = q.limit !== null && (q.blocks ? q.used >= q.limit : q.used > q.limit);
  const tone = over ? "bg-red-500" : pct >= 80 ? "bg-amber-500" : "bg-emerald-500";
  const t = useTranslations("billing.quota");
  const n = useFormatter().number;
  return (
    <div data-testid={`quota-${q.id}`}>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{q.label}</span>
        <span className="text-slate-600">{q.limit === null ? t("unlimitedUsed", { used: n(q.used) }) : t("usedOf", { used: n(q.used), limit: n(q.limit) })}</span>
      </div>
      <div className="mt-1.5 h-2 rounded-full bg-slate-100" role="meter" aria-label={t("meter", { label: q.label })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)}>
        <div className={cn("h-2 rounded-full", q.limit === null ? "bg-slate-300" : tone)} style={{ width: q.limit === null ? "100%" : `${pct}%` }} />
      </div>
      {q.note ? <p className="mt-1 text-xs text-slate-500">{q.note}</p> : null}
    </div>
  );
}

/** Use against each of the plan's quotas, as bars. */
export function QuotaBars({ quotas }: { quotas: Quota[] }) {
  const t = useTranslations("billing.quota");
  return (
    <Card className="grid gap-4">
      <h2 className="font-semibold">{t("title")}</h2>
      {quotas.map((q) => <Bar key={q.id} q={q} />)}
    </Card>
  );
}

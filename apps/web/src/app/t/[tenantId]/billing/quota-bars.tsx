import { Card } from "~/components/ui/misc";
import { cn } from "~/components/ui/cn";

interface Quota {
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
  return (
    <div data-testid={`quota-${q.label}`}>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{q.label}</span>
        <span className="text-slate-600">{q.limit === null ? `${q.used.toLocaleString("en-US")} · unlimited` : `${q.used.toLocaleString("en-US")} of ${q.limit.toLocaleString("en-US")}`}</span>
      </div>
      <div className="mt-1.5 h-2 rounded-full bg-slate-100" role="meter" aria-label={`${q.label} used`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)}>
        <div className={cn("h-2 rounded-full", q.limit === null ? "bg-slate-300" : tone)} style={{ width: q.limit === null ? "100%" : `${pct}%` }} />
      </div>
      {q.note ? <p className="mt-1 text-xs text-slate-500">{q.note}</p> : null}
    </div>
  );
}

/** Use against each of the plan's quotas, as bars. */
export function QuotaBars({ quotas }: { quotas: Quota[] }) {
  return (
    <Card className="grid gap-4">
      <h2 className="font-semibold">This month</h2>
      {quotas.map((q) => <Bar key={q.label} q={q} />)}
    </Card>
  );
}

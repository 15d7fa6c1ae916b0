"use client";
import type { RouterOutputs } from "@baas/api";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { Badge, Card } from "~/components/ui/misc";
import { formatMoney } from "../overview/cost-breakdown";

export type BudgetRow = RouterOutputs["budget"]["list"][number];

/** Under 50 % green, to 80 % yellow, to 100 % orange, past it red. */
function toneOf(pct: number): { bar: string; badge: "green" | "amber" | "red" } {
  if (pct >= 100) return { bar: "bg-red-500", badge: "red" };
  if (pct >= 80) return { bar: "bg-orange-500", badge: "amber" };
  if (pct >= 50) return { bar: "bg-yellow-400", badge: "amber" };
  return { bar: "bg-emerald-500", badge: "green" };
}

/** "resets in 5 h" within two days, else in days. */
function resetsIn(at: Date): string {
  const h = Math.max(0, (at.getTime() - Date.now()) / 3_600_000);
  return h < 48 ? `resets in ${Math.max(1, Math.round(h))} h` : `resets in ${Math.round(h / 24)} days`;
}

const ACTION = { BLOCK: "blocks at the limit", DOWNGRADE: "downgrades the model at the limit", WARN: "only warns" } as const;

export function BudgetCard(props: { budget: BudgetRow; canEdit: boolean; busy: boolean; onEdit: () => void; onToggle: () => void; onDelete: () => void }) {
  const { budget: b, canEdit, busy } = props;
  const [confirming, setConfirming] = useState(false);
  const pct = b.usedPct ?? 0;
  const tone = toneOf(pct);
  const limits = [
    b.limitMoneyMicros !== null ? `${b.usedMoneyMicros !== null ? `${formatMoney(b.usedMoneyMicros, b.currency)} of ` : ""}${formatMoney(b.limitMoneyMicros, b.currency)}` : null,
    b.limitTokens !== null ? `${b.limitTokens.toLocaleString("en")} tokens` : null,
    b.limitMessages !== null ? `${b.limitMessages.toLocaleString("en")} messages` : null,
  ].filter(Boolean);
  return (
    <Card data-testid={`budget-card-${b.name}`} className={cn(!b.enabled && "opacity-70")}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate font-medium">{b.name}</p>
          <p className="text-xs text-slate-500">
            {b.scopeLabel} · {b.period.toLowerCase()} · {ACTION[b.action]}
            {b.action === "DOWNGRADE" ? ` (to ${b.downgradeModel ?? "the next model down"})` : ""}
          </p>
        </div>
        {b.enabled ? <Badge tone={tone.badge}>{b.usedPct === null ? "not measurable" : `${b.usedPct}% used`}</Badge> : <Badge>paused</Badge>}
      </div>
      <div className="relative mt-3 h-2 rounded-full bg-slate-100" role="meter" aria-label={`${b.name} used`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.min(100, pct)}>
        <div className={cn("h-2 rounded-full", tone.bar)} style={{ width: `${Math.min(100, pct)}%` }} />
      </div>
      <p className="mt-2 text-xs text-slate-600">{limits.join(" · ")}</p>
      <p className="text-xs text-slate-500">
        {resetsIn(new Date(b.resetsAt))}
        {b.projectedPct !== null ? ` · at this pace, ${b.projectedPct}% by the end of the period` : ""} · alerts at {b.thresholds.map((t) => `${t}%`).join(", ")}
      </p>
      {canEdit ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button size="sm" variant="secondary" onClick={props.onEdit} disabled={busy}>Edit</Button>
          <Button size="sm" variant="secondary" onClick={props.onToggle} disabled={busy}>{b.enabled ? "Pause" : "Resume"}</Button>
          {confirming ? (
            <>
              <Button size="sm" variant="danger" onClick={props.onDelete} disabled={busy}>Delete for good</Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>Keep it</Button>
            </>
          ) : (
            <Button size="sm" variant="danger" onClick={() => setConfirming(true)} disabled={busy}>Delete</Button>
          )}
        </div>
      ) : null}
    </Card>
  );
}

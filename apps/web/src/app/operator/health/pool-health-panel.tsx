"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Input } from "~/components/ui/input";
import { Badge, Card, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { formatMoney } from "../../t/[tenantId]/overview/cost-breakdown";

const when = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 16).replace("T", " ") : "—");

/** A rolling subscription window as a bar: red from 90 %, where the gateway rotates away. */
function WindowBar({ label, used, resetAt }: { label: string; used: number | null; resetAt: Date | string | null }) {
  if (used === null) return <p className="text-xs text-slate-500">{label}: no report yet</p>;
  const pct = Math.round(used * 100);
  return (
    <div className="text-xs">
      <div className="flex justify-between"><span>{label}</span><span className="tabular-nums">{pct}% · resets {when(resetAt)}</span></div>
      <div className="mt-1 h-1.5 rounded-full bg-slate-100" aria-label={`${label} ${pct}% used`}>
        <div className={pct >= 90 ? "h-1.5 rounded-full bg-red-500" : pct >= 70 ? "h-1.5 rounded-full bg-amber-500" : "h-1.5 rounded-full bg-emerald-500"} style={{ width: `${Math.min(100, Math.max(2, pct))}%` }} />
      </div>
    </div>
  );
}

export function PoolHealthPanel() {
  const trpc = useTRPC();
  const { data: all } = useSuspenseQuery({ ...trpc.operator.poolHealth.queryOptions(), refetchInterval: 30_000 });
  const [filter, setFilter] = useState("");
  const q = filter.trim().toLowerCase();
  const data = q ? all.filter((a) => `${a.name} ${a.provider} ${a.status}`.toLowerCase().includes(q)) : all;
  return (
    <>
      <PageHeader title="Pool health" description="Each upstream account: status, Max windows from the provider's latest headers, what it served today (every tenant, by its local day) and its last error in 24 hours." />
      <Input aria-label="Filter accounts" placeholder="Filter by name, provider or status" value={filter} onChange={(e) => setFilter(e.target.value)} className="mb-4 max-w-sm" />
      <div className="grid gap-4 md:grid-cols-2" data-testid="pool-health">
        {data.map((a) => (
          <Card key={a.id} className="min-w-0 space-y-2" data-testid={`health-${a.name}`}>
            <div className="flex items-start justify-between gap-2">
              <div className="min-w-0"><p className="truncate font-medium">{a.name}</p><p className="text-xs text-slate-500">{a.provider} · {a.kind === "MAX_SUBSCRIPTION" ? "Max subscription" : "API key"} · priority {a.priority}</p></div>
              {a.status === "DISABLED" ? <Badge tone="red">disabled</Badge> : a.lastError ? <Badge tone="amber">errors today</Badge> : <Badge tone="green">healthy</Badge>}
            </div>
            {a.disabledReason ? <p className="text-xs text-red-700">{a.disabledReason}</p> : null}
            {a.kind === "MAX_SUBSCRIPTION" ? (
              <>
                <WindowBar label="5-hour window" used={a.window5hUtilization} resetAt={a.window5hResetAt} />
                <WindowBar label="Weekly window" used={a.window7dUtilization} resetAt={a.window7dResetAt} />
              </>
            ) : null}
            <p className="text-sm tabular-nums">Today: {a.today.calls.toLocaleString("en")} calls · {a.today.errors} errors · {a.today.fallbacks} after a fallback · {formatMoney(a.today.costListUsdMicros, "USD")} list · {formatMoney(a.today.costCashUsdMicros, "USD")} cash</p>
            <p className="text-xs text-slate-600">Last error: {a.lastError ? `${when(a.lastError.at)} UTC · ${a.lastError.code ?? "error"} · ${a.lastError.model}` : "none in 24 h"}</p>
          </Card>
        ))}
      </div>
    </>
  );
}

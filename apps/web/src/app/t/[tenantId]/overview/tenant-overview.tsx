"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge, Card, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { CostBreakdown, formatMoney } from "./cost-breakdown";
import { BudgetMeter } from "./budget-meter";
import { ALERT_LABEL, severityTone } from "../alerts/alert-labels";

export function TenantOverview({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const { data: o } = useSuspenseQuery(trpc.overview.get.queryOptions({ tenantId }));
  const money = (micros: number, currency = o.currency) => formatMoney(micros, currency);
  return (
    <>
      <PageHeader title="Overview" description={`This month (${o.month}, ${o.timezone}) at a glance.`} />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Card>
          <p className="text-xs text-slate-500">Agents online</p>
          <p className="mt-1 text-2xl font-semibold" data-testid="agents-online">{o.agents.online}</p>
          <p className="text-xs text-slate-500">{o.agents.offline} offline{o.agents.disabled ? ` · ${o.agents.disabled} disabled` : ""}</p>
        </Card>
        <Card>
          <p className="text-xs text-slate-500">Cost this month</p>
          <p className="mt-1 break-words text-2xl font-semibold" data-testid="month-cost">{money(o.cost.totalMicros)}</p>
          <p className="text-xs text-slate-500">{o.cost.calls.toLocaleString("en")} calls</p>
        </Card>
        <Card className="col-span-2">
          <p className="text-xs text-slate-500">Instances</p>
          <ul className="mt-1 space-y-1 text-sm" aria-label="Instances">
            {o.instances.length === 0 ? <li className="text-slate-500">None yet: create one on the Instances page.</li> : null}
            {o.instances.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-x-2 gap-y-1" data-testid={`instance-${i.name}`}>
                <Link className="font-medium underline-offset-2 hover:underline" href={`/t/${tenantId}/instances/${i.id}`}>{i.name}</Link>
                <Badge tone={i.online ? "green" : "gray"}>{i.online ? "online" : "offline"}</Badge>
                <span className="text-slate-600">applied {i.applied ? `v${i.applied.version}` : "none"}</span>
                {i.pending ? <Badge tone="blue">v{i.pending.version} pending</Badge> : <span className="text-slate-500">nothing pending</span>}
                {i.lastError ? <span className="w-full truncate text-xs text-red-700">{i.lastError}</span> : null}
              </li>
            ))}
          </ul>
        </Card>
      </div>
      {o.alerts.length > 0 ? (
        <>
          <h2 className="mb-2 mt-6 flex items-baseline justify-between font-medium">
            Needs attention
            <Link className="text-sm font-normal underline" href={`/t/${tenantId}/alerts`}>All alerts</Link>
          </h2>
          <ul className="space-y-2" aria-label="Alerts">
            {o.alerts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-start gap-2 rounded-md border border-slate-200 bg-white p-3 text-sm" data-testid={`alert-${a.kind}`}>
                <Badge tone={severityTone(a.severity)}>{ALERT_LABEL[a.kind] ?? a.kind}</Badge>
                <span className="min-w-0 flex-1 break-words">{a.message}</span>
                <time className="text-xs text-slate-500" dateTime={new Date(a.createdAt).toISOString()}>{new Date(a.createdAt).toISOString().slice(0, 16).replace("T", " ")}</time>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 className="mb-2 mt-6 font-medium">Budgets</h2>
      {o.budgets.length === 0 ? <p className="text-sm text-slate-500">No budgets set.</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2" aria-label="Budgets">
        {o.budgets.map((b) => (
          <li key={b.id}>
            <BudgetMeter budget={b} money={money} />
          </li>
        ))}
      </ul>
      <h2 className="mb-2 mt-6 font-medium">Where the money goes this month</h2>
      <div className="grid gap-3 lg:grid-cols-3">
        <CostBreakdown title="By group" testId="cost-by-channel" data={o.cost.byChannel} money={money} />
        <CostBreakdown title="By agent" testId="cost-by-agent" data={o.cost.byAgent} money={money} />
        <CostBreakdown title="By model" testId="cost-by-model" data={o.cost.byModel} money={money} />
      </div>
    </>
  );
}

"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { RangeInput } from "@baas/api/schemas";
import { Card, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { CacheChart, DailyCostChart, FallbackChart, LatencyChart } from "./charts";
import { DataTable } from "./data-table";
import { ExportButtons } from "./export-buttons";
import { count, formatMoney, rangeQuery } from "./format";
import { RangePicker } from "./range-picker";
import { breakdownTable, cacheTable, dailyTable, fallbackTable, latencyTable, totalsTable } from "./tables";

const MONEY_ROW = ["text", "money", "money", "money", "int", "int"] as const;

export function UsagePanel({ tenantId, range, stackBy }: { tenantId: string; range: RangeInput; stackBy: "channel" | "agent" }) {
  const trpc = useTRPC();
  const input = { tenantId, ...range };
  const { data: s } = useSuspenseQuery(trpc.analytics.summary.queryOptions(input));
  const { data: daily } = useSuspenseQuery(trpc.analytics.daily.queryOptions({ ...input, stackBy }));
  const { data: perf } = useSuspenseQuery(trpc.analytics.performance.queryOptions(input));
  const c = s.tenant.currency;
  const q = rangeQuery(range);
  const drill = (scope: string, key: string) => (key ? `/t/${tenantId}/usage/${scope}/${key}?${q}` : null);
  const tables = [
    totalsTable(s),
    breakdownTable("channels", "Cost by group or DM", "Group or DM", s.byChannel, c),
    breakdownTable("agents", "Cost by agent", "Agent", s.byAgent, c),
    breakdownTable("models", "Cost by model", "Model", s.byModel, c),
    breakdownTable("accounts", "Cost by upstream account", "Account", s.byAccount, c, false),
    dailyTable(daily), latencyTable(perf), cacheTable(perf), fallbackTable(perf),
  ];
  const [totals, channels, agents, models, accounts, dailyT, latency, cache, fallbacks] = tables as [typeof tables[0], ...typeof tables];
  const t = s.totals;
  const stat = (label: string, value: string, sub?: string) => (
    <Card className="min-w-0"><p className="text-xs text-slate-500">{label}</p><p className="mt-1 truncate text-xl font-semibold tabular-nums">{value}</p>{sub ? <p className="truncate text-xs text-slate-500">{sub}</p> : null}</Card>
  );
  return (
    <>
      <PageHeader title="Usage" description={`${s.tenant.name}: where the money goes, ${s.from} to ${s.to} (${s.tenant.timezone}).`} actions={<ExportButtons name={`usage-${s.from}-${s.to}`} meta={{ tenant: s.tenant.name, from: s.from, to: s.to, currency: c }} tables={tables} />} />
      <div className="mb-4"><RangePicker range={range.range} from={range.from} to={range.to} /></div>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="usage-totals">
        {stat(`Cost (${c})`, formatMoney(t.costTenantMicros, c), `${formatMoney(t.costListUsdMicros, "USD")} at list price`)}
        {stat("Cash cost", formatMoney(t.costCashUsdMicros, "USD"), "Max subscription calls cost 0 cash")}
        {stat("Calls / messages", `${count(t.calls)} / ${count(t.messages)}`)}
        {stat("Tokens", count(t.tokens.input + t.tokens.output + t.tokens.cacheRead + t.tokens.cacheWrite), `in ${count(t.tokens.input)} · out ${count(t.tokens.output)} · cache r ${count(t.tokens.cacheRead)} · w ${count(t.tokens.cacheWrite)}`)}
      </div>
      <Card className="mt-4 min-w-0">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-sm font-medium">Daily cost ({c}) by {stackBy}{daily.budget ? `, budget "${daily.budget.name}" per day` : ""}; projection at {formatMoney(daily.paceMicros, c)} a day</h2>
          <div className="flex gap-1 text-sm">
            {(["channel", "agent"] as const).map((k) => (
              <Link key={k} href={`/t/${tenantId}/usage?${q}&stack=${k}`} aria-current={k === stackBy ? "true" : undefined} className={k === stackBy ? "rounded bg-brand-50 px-2 py-1 font-medium text-brand-700" : "rounded px-2 py-1 text-slate-600 hover:bg-slate-100"}>By {k}</Link>
            ))}
          </div>
        </div>
        <DailyCostChart data={daily} />
        <details className="mt-2 text-sm"><summary className="cursor-pointer text-slate-600">The numbers</summary><DataTable table={dailyT!} formats={["text", ...daily.series.map(() => "money" as const), "money"]} /></details>
      </Card>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <DataTable table={channels!} formats={[...MONEY_ROW]} links={s.byChannel.map((r) => drill("channel", r.key))} />
        <DataTable table={agents!} formats={[...MONEY_ROW]} links={s.byAgent.map((r) => drill("agent", r.key))} />
        <DataTable table={models!} formats={[...MONEY_ROW]} />
        <DataTable table={accounts!} formats={[...MONEY_ROW]} />
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card className="min-w-0"><h2 className="text-sm font-medium">Latency and time to first token per model</h2><LatencyChart rows={perf.latency} /></Card>
        <Card className="min-w-0"><h2 className="text-sm font-medium">Cache hit rate and money saved</h2><CacheChart rows={perf.cache} /></Card>
      </div>
      <div className="mt-4 grid gap-4">
        <DataTable table={latency!} formats={["text", "ms", "ms", "ms", "ms", "ms", "ms", "int"]} />
        <DataTable table={cache!} formats={["text", "int", "int", "pct", "pct", "money"]} />
      </div>
      <Card className="mt-4 min-w-0">
        <h2 className="text-sm font-medium">Fallbacks over time (which account served after another failed) and errors</h2>
        <FallbackChart data={perf.fallbacks} />
        <details className="mt-2 text-sm"><summary className="cursor-pointer text-slate-600">The numbers</summary><DataTable table={fallbacks!} formats={["text", "int", "int", ...perf.fallbacks.accounts.map(() => "int" as const)]} /></details>
      </Card>
      <div className="mt-4"><DataTable table={totals!} formats={["text", "int"]} rowFormats={[0, 1, 2].map(() => ["text", "money"])} /></div>
    </>
  );
}

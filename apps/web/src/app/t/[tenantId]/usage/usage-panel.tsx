"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import type { RangeInput } from "@baas/api/schemas";
import { Money } from "~/components/i18n/money";
import { useTenantCurrency } from "~/components/i18n/currency";
import { Card, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { CacheChart, DailyCostChart, FallbackChart, LatencyChart } from "./charts";
import { DataTable, type ColumnFormat } from "./data-table";
import { ExportButtons } from "./export-buttons";
import { cashTenantMicros, rangeQuery } from "./format";
import { RangePicker } from "./range-picker";
import { breakdownTable, cacheTable, dailyTable, fallbackTable, latencyTable, totalsTable, type Tr } from "./tables";

const MONEY_ROW: ColumnFormat[] = ["text", "money", "money", "int", "int", "usd", "usd"];
const ACCOUNT_ROW: ColumnFormat[] = ["text", "money", "money", "int", "usd", "usd"];

function Stat({ label, children, sub }: { label: string; children: React.ReactNode; sub?: string }) {
  return (
    <Card className="min-w-0">
      <p className="text-xs text-slate-500">{label}</p>
      <p className="mt-1 truncate text-xl font-semibold tabular-nums">{children}</p>
      {sub ? <p className="text-xs text-slate-500">{sub}</p> : null}
    </Card>
  );
}

export function UsagePanel({ tenantId, range, stackBy }: { tenantId: string; range: RangeInput; stackBy: "channel" | "agent" }) {
  const trpc = useTRPC();
  const t = useTranslations("usage");
  const tr = useTranslations("usage.tables") as unknown as Tr;
  const n = useFormatter().number;
  const { usdRate } = useTenantCurrency();
  const input = { tenantId, ...range };
  const { data: s } = useSuspenseQuery(trpc.analytics.summary.queryOptions(input));
  const { data: daily } = useSuspenseQuery(trpc.analytics.daily.queryOptions({ ...input, stackBy }));
  const { data: perf } = useSuspenseQuery(trpc.analytics.performance.queryOptions(input));
  const c = s.tenant.currency;
  const q = rangeQuery(range);
  const drill = (scope: string, key: string) => (key ? `/t/${tenantId}/usage/${scope}/${key}?${q}` : null);
  const stackLabel = t(`daily.stack.${stackBy}`);
  const tables = [
    totalsTable(s, tr, usdRate),
    breakdownTable("channels", tr("byChannel"), tr("channel"), s.byChannel, c, tr, usdRate),
    breakdownTable("agents", tr("byAgent"), tr("agent"), s.byAgent, c, tr, usdRate),
    breakdownTable("models", tr("byModel"), tr("model"), s.byModel, c, tr, usdRate),
    breakdownTable("accounts", tr("byAccount"), tr("account"), s.byAccount, c, tr, usdRate, false),
    dailyTable(daily, tr, stackLabel), latencyTable(perf, tr), cacheTable(perf, tr, c, usdRate), fallbackTable(perf, tr),
  ];
  const [totals, channels, agents, models, accounts, dailyT, latency, cache, fallbacks] = tables as [typeof tables[0], ...typeof tables];
  const x = s.totals;
  const cashTenant = cashTenantMicros(x.costListUsdMicros, x.costTenantMicros, x.costCashUsdMicros, usdRate);
  const cacheCols = cache!.columns.length;
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { tenant: s.tenant.name, from: s.from, to: s.to, tz: s.tenant.timezone })} actions={<ExportButtons name={`usage-${s.from}-${s.to}`} meta={{ tenant: s.tenant.name, from: s.from, to: s.to, currency: c }} tables={tables} />} />
      <div className="mb-4"><RangePicker range={range.range} from={range.from} to={range.to} /></div>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="usage-totals">
        <Stat label={t("stats.list")} sub={t("stats.listSub")}><Money amount={x.costTenantMicros / 1e6} currency={c} usd={x.costListUsdMicros / 1e6} /></Stat>
        <Stat label={t("stats.cash")} sub={t("stats.cashSub")}><Money amount={cashTenant / 1e6} currency={c} usd={x.costCashUsdMicros / 1e6} /></Stat>
        <Stat label={t("stats.callsMessages")}>{`${n(x.calls)} / ${n(x.messages)}`}</Stat>
        <Stat label={t("stats.tokens")} sub={t("stats.tokensSub", { input: n(x.tokens.input), output: n(x.tokens.output), read: n(x.tokens.cacheRead), write: n(x.tokens.cacheWrite) })}>{n(x.tokens.input + x.tokens.output + x.tokens.cacheRead + x.tokens.cacheWrite)}</Stat>
      </div>
      <Card className="mt-4 min-w-0">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-sm font-medium">
            {daily.budget ? t("daily.headingBudget", { currency: c, stack: stackLabel, budget: daily.budget.name }) : t("daily.heading", { currency: c, stack: stackLabel })};{" "}
            {t.rich("daily.pace", { amount: () => <Money amount={daily.paceMicros / 1e6} currency={c} /> })}
          </h2>
          <div className="flex gap-1 text-sm">
            {(["channel", "agent"] as const).map((k) => (
              <Link key={k} href={`/t/${tenantId}/usage?${q}&stack=${k}`} aria-current={k === stackBy ? "true" : undefined} className={k === stackBy ? "rounded bg-brand-50 px-2 py-1 font-medium text-brand-700" : "rounded px-2 py-1 text-slate-600 hover:bg-slate-100"}>{k === "channel" ? t("daily.byChannel") : t("daily.byAgent")}</Link>
            ))}
          </div>
        </div>
        <DailyCostChart data={daily} />
        <details className="mt-2 text-sm"><summary className="cursor-pointer text-slate-600">{t("daily.numbers")}</summary><DataTable table={dailyT!} formats={["text", ...daily.series.map(() => "money" as const), "money"]} /></details>
      </Card>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <DataTable table={channels!} formats={MONEY_ROW} links={s.byChannel.map((r) => drill("channel", r.key))} />
        <DataTable table={agents!} formats={MONEY_ROW} links={s.byAgent.map((r) => drill("agent", r.key))} />
        <DataTable table={models!} formats={MONEY_ROW} />
        <DataTable table={accounts!} formats={ACCOUNT_ROW} />
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card className="min-w-0"><h2 className="text-sm font-medium">{t("latencyHeading")}</h2><LatencyChart rows={perf.latency} /></Card>
        <Card className="min-w-0"><h2 className="text-sm font-medium">{t("cacheHeading")}</h2><CacheChart rows={perf.cache} /></Card>
      </div>
      <div className="mt-4 grid gap-4">
        <DataTable table={latency!} formats={["text", "ms", "ms", "ms", "ms", "ms", "ms", "int"]} />
        <DataTable table={cache!} formats={["text", "int", "int", "pct", "pct", ...(cacheCols === 7 ? (["money"] as const) : []), "usd"]} />
      </div>
      <Card className="mt-4 min-w-0">
        <h2 className="text-sm font-medium">{t("fallbackHeading")}</h2>
        <FallbackChart data={perf.fallbacks} />
        <details className="mt-2 text-sm"><summary className="cursor-pointer text-slate-600">{t("daily.numbers")}</summary><DataTable table={fallbacks!} formats={["text", "int", "int", ...perf.fallbacks.accounts.map(() => "int" as const)]} /></details>
      </Card>
      <div className="mt-4"><DataTable table={totals!} formats={["text", "int"]} rowFormats={[["text", "money"], ["text", "money"], ["text", "usd"], ["text", "usd"]]} /></div>
    </>
  );
}

"use client";
import { useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTenantCurrency } from "~/components/i18n/currency";
import { useMoneyFormat } from "~/components/i18n/money";
import { formatNumber, tenantAmount } from "~/i18n/format";
import { major } from "./format";

const COLORS = ["#4f46e5", "#0891b2", "#16a34a", "#ca8a04", "#db2777", "#9333ea", "#64748b"];
const short = (day: string) => day.slice(5);
const axis = { fontSize: 11, fill: "#475569" };

interface DailyData {
  series: { key: string; label: string }[];
  points: { day: string; values: Record<string, number>; projected: number | null }[];
  budget: { name: string; perDayMicros: number } | null;
  currency: string;
}

/** Daily cost stacked by channel or agent; projected days in grey; the budget's daily share as a line. */
export function DailyCostChart({ data }: { data: DailyData }) {
  const t = useTranslations("usage");
  const money = useMoneyFormat();
  const rows = data.points.map((p) => ({ day: p.day, ...Object.fromEntries(data.series.map((s) => [s.key, major(p.values[s.key] ?? 0)])), projected: p.projected === null ? undefined : major(p.projected) }));
  return (
    <div className="h-72 w-full" data-testid="chart-daily">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="day" tickFormatter={short} tick={axis} minTickGap={16} />
          <YAxis tick={axis} width={56} />
          <Tooltip formatter={(v) => money({ amount: Number(v), currency: data.currency }).text} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {data.series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="cost" fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
          ))}
          <Bar dataKey="projected" name={t("daily.projected")} stackId="cost" fill="#cbd5e1" isAnimationActive={false} />
          {data.budget ? <ReferenceLine y={major(data.budget.perDayMicros)} ifOverflow="extendDomain" stroke="#dc2626" strokeDasharray="6 3" label={{ value: t("daily.budgetPerDay", { name: data.budget.name }), fontSize: 11, fill: "#dc2626", position: "insideTopRight" }} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

interface LatencyRow {
  model: string;
  latency: { p50: number | null; p95: number | null; p99: number | null };
  ttft: { p50: number | null; p95: number | null };
}

/** Latency percentiles and time to first token per model, in milliseconds. */
export function LatencyChart({ rows }: { rows: LatencyRow[] }) {
  const t = useTranslations("usage.charts");
  const locale = useLocale();
  const data = rows.map((r) => ({ model: r.model, p50: r.latency.p50, p95: r.latency.p95, p99: r.latency.p99, ttft50: r.ttft.p50, ttft95: r.ttft.p95 }));
  return (
    <div className="h-72 w-full" data-testid="chart-latency">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="model" tick={axis} interval={0} />
          <YAxis tick={axis} width={56} unit=" ms" />
          <Tooltip formatter={(v) => `${formatNumber(locale, Number(v))} ms`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="p50" name="p50" fill="#4f46e5" isAnimationActive={false} />
          <Bar dataKey="p95" name="p95" fill="#0891b2" isAnimationActive={false} />
          <Bar dataKey="p99" name="p99" fill="#9333ea" isAnimationActive={false} />
          <Bar dataKey="ttft50" name={t("ttft50")} fill="#16a34a" isAnimationActive={false} />
          <Bar dataKey="ttft95" name={t("ttft95")} fill="#ca8a04" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Money the response cache and prompt caching saved per model (in the tenant's currency), with the hit rate. */
export function CacheChart({ rows }: { rows: { model: string; savedUsdMicros: number; hitRate: number }[] }) {
  const t = useTranslations("usage.charts");
  const tenant = useTenantCurrency();
  const money = useMoneyFormat();
  // Same conversion as <Money>: the tenant's currency when a rate is known, else USD.
  const shown = (usdMicros: number) => tenantAmount({ usd: usdMicros / 1e6 }, tenant);
  const currency = shown(0).currency;
  const data = rows.map((r) => ({ model: r.model, saved: Math.round(shown(r.savedUsdMicros).amount * 100) / 100, hitRate: Math.round(r.hitRate * 1000) / 10 }));
  return (
    <div className="h-64 w-full" data-testid="chart-cache">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="model" tick={axis} interval={0} />
          <YAxis yAxisId="usd" tick={axis} width={56} />
          <YAxis yAxisId="pct" orientation="right" tick={axis} width={40} unit="%" />
          <Tooltip formatter={(v, name) => (name === t("hitRate") ? `${String(v)} %` : money({ amount: Number(v), currency }).text)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="usd" dataKey="saved" name={t("saved", { currency })} fill="#16a34a" isAnimationActive={false} />
          <Line yAxisId="pct" dataKey="hitRate" name={t("hitRate")} stroke="#4f46e5" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

interface FallbackData {
  accounts: { key: string; label: string }[];
  points: { day: string; errors: number; byAccount: Record<string, number> }[];
}

/** Per day: calls that fell back, stacked by the account that finally served them, and errors. */
export function FallbackChart({ data }: { data: FallbackData }) {
  const t = useTranslations("usage.charts");
  const rows = data.points.map((p) => ({ day: p.day, errors: p.errors, ...p.byAccount }));
  return (
    <div className="h-64 w-full" data-testid="chart-fallbacks">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="day" tickFormatter={short} tick={axis} minTickGap={16} />
          <YAxis tick={axis} width={48} allowDecimals={false} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {data.accounts.map((a, i) => (
            <Bar key={a.key} dataKey={a.key} name={t("fellBack", { account: a.label })} stackId="fb" fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
          ))}
          <Line dataKey="errors" name={t("errors")} stroke="#dc2626" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

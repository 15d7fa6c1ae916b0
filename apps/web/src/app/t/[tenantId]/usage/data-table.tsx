"use client";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { Card } from "~/components/ui/misc";
import { formatNumber } from "~/i18n/format";
import type { Cell, ScreenTable } from "./export";

/** "usd" columns are for the export only: the screen speaks the tenant's currency. */
export type ColumnFormat = "text" | "money" | "int" | "ms" | "pct" | "usd";

function show(locale: string, v: Cell, f: ColumnFormat): string {
  if (v === null || v === "") return "—";
  if (typeof v === "string") return v;
  if (f === "money" || f === "usd") return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
  if (f === "pct") return `${formatNumber(locale, v, 1)} %`;
  if (f === "ms") return `${formatNumber(locale, v)} ms`;
  return formatNumber(locale, v);
}

/** One screen table; the first cell links to its drill-down when the row has one. */
export function DataTable(props: { table: ScreenTable; formats: ColumnFormat[]; links?: (string | null)[]; empty?: string; rowFormats?: ColumnFormat[][]; dense?: boolean; firstCell?: (v: Cell, row: number) => { text: string; title?: string } }) {
  const { table, formats, links, rowFormats, dense = false } = props;
  const locale = useLocale();
  const t = useTranslations("usage");
  const fmt = (ri: number, ci: number) => rowFormats?.[ri]?.[ci] ?? formats[ci] ?? "text";
  const visible = table.columns.map((_, i) => formats[i] !== "usd");
  // A row formatted "usd" (the totals' USD figures) is likewise kept for the export only.
  const rows = table.rows.map((r, ri) => ({ r, ri })).filter(({ ri }) => !(rowFormats?.[ri] ?? []).includes("usd"));
  const cell = dense ? "whitespace-nowrap px-1 py-1 text-right tabular-nums" : "whitespace-nowrap px-2 py-1 text-right tabular-nums";
  return (
    <Card className="min-w-0">
      <h3 className="text-sm font-medium">{table.title}</h3>
      <div className="mt-2 overflow-x-auto">
        <table className={dense ? "w-full text-xs" : "w-full text-sm"} data-testid={`table-${table.id}`}>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
              {table.columns.map((c, i) => (visible[i] ? <th key={c} className={i ? (dense ? "whitespace-nowrap px-1 py-1 text-right font-medium" : "whitespace-nowrap px-2 py-1 text-right font-medium") : "py-1 pr-2 font-medium"}>{c}</th> : null))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr><td colSpan={table.columns.length} className="py-2 text-slate-500">{props.empty ?? t("emptyTable")}</td></tr>
            ) : null}
            {rows.map(({ r, ri }) => (
              <tr key={ri} className="border-b border-slate-100 last:border-0">
                {r.map((v, i) => {
                  if (!visible[i]) return null;
                  if (i) return <td key={i} className={cell}>{show(locale, v, fmt(ri, i))}</td>;
                  const first = props.firstCell?.(v, ri) ?? { text: show(locale, v, fmt(ri, i)), title: String(v ?? "") };
                  return (
                    <td key={i} className="max-w-[14rem] truncate py-1 pr-2" title={first.title}>
                      {links?.[ri] ? <Link className="text-brand-700 underline" href={links[ri]!}>{first.text}</Link> : first.text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

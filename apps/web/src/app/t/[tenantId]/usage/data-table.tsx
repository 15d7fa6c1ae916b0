import Link from "next/link";
import { Card } from "~/components/ui/misc";
import type { Cell, ScreenTable } from "./export";

export type ColumnFormat = "text" | "money" | "int" | "ms" | "pct";

const show = (v: Cell, f: ColumnFormat) => {
  if (v === null || v === "") return "—";
  if (typeof v === "string") return v;
  if (f === "money") return v.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (f === "pct") return `${v.toFixed(1)} %`;
  if (f === "ms") return `${v.toLocaleString("en")} ms`;
  return v.toLocaleString("en");
};

/** One screen table; the first cell links to its drill-down when the row has one. */
export function DataTable({ table, formats, links, empty = "No usage in this range.", rowFormats, dense = false }: { table: ScreenTable; formats: ColumnFormat[]; links?: (string | null)[]; empty?: string; rowFormats?: ColumnFormat[][]; dense?: boolean }) {
  const fmt = (ri: number, ci: number) => rowFormats?.[ri]?.[ci] ?? formats[ci] ?? "text";
  return (
    <Card className="min-w-0">
      <h3 className="text-sm font-medium">{table.title}</h3>
      <div className="mt-2 overflow-x-auto">
        <table className={dense ? "w-full text-xs" : "w-full text-sm"} data-testid={`table-${table.id}`}>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
              {table.columns.map((c, i) => (
                <th key={c} className={i ? (dense ? "whitespace-nowrap px-1 py-1 text-right font-medium" : "whitespace-nowrap px-2 py-1 text-right font-medium") : "py-1 pr-2 font-medium"}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr><td colSpan={table.columns.length} className="py-2 text-slate-500">{empty}</td></tr>
            ) : null}
            {table.rows.map((r, ri) => (
              <tr key={ri} className="border-b border-slate-100 last:border-0">
                {r.map((v, i) =>
                  i === 0 ? (
                    <td key={i} className="max-w-[14rem] truncate py-1 pr-2" title={String(v ?? "")}>
                      {links?.[ri] ? <Link className="text-brand-700 underline" href={links[ri]!}>{show(v, fmt(ri, i))}</Link> : show(v, fmt(ri, i))}
                    </td>
                  ) : (
                    <td key={i} className={dense ? "whitespace-nowrap px-1 py-1 text-right tabular-nums" : "whitespace-nowrap px-2 py-1 text-right tabular-nums"}>{show(v, fmt(ri, i))}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

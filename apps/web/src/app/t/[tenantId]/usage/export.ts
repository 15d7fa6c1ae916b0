/**
 * The tables a usage page shows, as data: the page renders them and the export writes them, so
 * a CSV or JSON file holds exactly what is on screen.
 */
export type Cell = string | number | null;

export interface ScreenTable {
  id: string;
  title: string;
  columns: string[];
  rows: Cell[][];
}

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: text that could start a formula is prefixed with an apostrophe, then quoted when needed. */
export function csvCell(v: Cell): string {
  if (v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const safe = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every table in turn: its title, its header, its rows, a blank line between tables. */
export function toCsv(tables: ScreenTable[]): string {
  return tables
    .map((t) => [csvCell(t.title), t.columns.map(csvCell).join(","), ...t.rows.map((r) => r.map(csvCell).join(","))].join("\r\n"))
    .join("\r\n\r\n");
}

export function toJson(meta: Record<string, unknown>, tables: ScreenTable[]): string {
  return JSON.stringify({ ...meta, tables: tables.map((t) => ({ id: t.id, title: t.title, rows: t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i] ?? null]))) })) }, null, 2);
}

/** Hands a file to the browser's download. */
export function download(name: string, type: string, body: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

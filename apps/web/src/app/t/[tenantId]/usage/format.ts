export { formatMoney } from "../overview/cost-breakdown";

export const major = (micros: number) => Math.round(micros / 10_000) / 100;
export const count = (n: number) => n.toLocaleString("en");
export const pctText = (x: number) => `${(x * 100).toFixed(1)} %`;
export const when = (d: Date | string) => new Date(d).toISOString().slice(0, 16).replace("T", " ");

/** The range part of a usage URL, kept when drilling down so every screen shows the same window. */
export function rangeQuery(r: { range: string; from?: string; to?: string }): string {
  const p = new URLSearchParams({ range: r.range });
  if (r.range === "custom" && r.from && r.to) {
    p.set("from", r.from);
    p.set("to", r.to);
  }
  return p.toString();
}

import { formatDateTime } from "~/i18n/format";

export const major = (micros: number) => Math.round(micros / 10_000) / 100;
export const when = (locale: string, d: Date | string, timeZone?: string) => formatDateTime(locale, d, timeZone);

/**
 * Cash paid in the tenant's currency at the rate its list value was converted with (the row's
 * own rate), else the display rate.
 */
export function cashTenantMicros(listUsd: number, listTenant: number, cashUsd: number, usdRate: number | null): number {
  if (listUsd > 0) return Math.round((cashUsd * listTenant) / listUsd);
  return Math.round(cashUsd * (usdRate ?? 1));
}

/**
 * "lobo · group" from a session key (agent:lobo:whatsapp:group:1203…@g.us): the peer id means
 * nothing to a person and is left to the hover and the export.
 */
export function sessionParts(key: string): { agent: string; kind: "group" | "dm" | null } | null {
  const m = /^agent:([^:]+):[^:]+:(group|dm|direct|channel)(?::|$)/i.exec(key);
  if (!m) return null;
  return { agent: m[1]!, kind: m[2]!.toLowerCase() === "group" || m[2]!.toLowerCase() === "channel" ? "group" : "dm" };
}

/** The range part of a usage URL, kept when drilling down so every screen shows the same window. */
export function rangeQuery(r: { range: string; from?: string; to?: string }): string {
  const p = new URLSearchParams({ range: r.range });
  if (r.range === "custom" && r.from && r.to) {
    p.set("from", r.from);
    p.set("to", r.to);
  }
  return p.toString();
}

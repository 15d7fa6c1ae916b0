/**
 * Locale formatting shared by pages, e-mails and exports (pages mostly use the components in
 * ~/components/i18n, which read the locale and the tenant's currency for you).
 */
import type { Locale } from "./locales";

export const MICROS = 1_000_000;

export function formatMoney(locale: Locale | string, amount: number, currency: string): string {
  const digits = Math.abs(amount) > 0 && Math.abs(amount) < 0.01 ? 4 : 2;
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: digits }).format(amount);
}

/** USD as a reference next to a converted amount ("US$ 3,05" in Portuguese, "$3.05" in English). */
export function formatUsd(locale: Locale | string, usd: number): string {
  return formatMoney(locale, usd, "USD");
}

export function formatNumber(locale: Locale | string, n: number, maxFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(n);
}

/** 0.25 → "25%" */
export function formatPercent(locale: Locale | string, ratio: number, maxFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: maxFractionDigits }).format(ratio);
}

export function formatDateTime(locale: Locale | string, d: Date | string | number, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short", timeZone }).format(new Date(d));
}

export function formatDate(locale: Locale | string, d: Date | string | number, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(new Date(d));
}

/**
 * An amount shown in the tenant's currency, from whichever side we know: converted from USD at
 * the display rate, or already in the tenant currency (then USD is derived for the hover).
 * Without a rate the tenant currency cannot be shown honestly, so USD is shown.
 */
export function tenantAmount(
  value: { usd?: number | null; amount?: number | null; currency?: string | null },
  tenant: { currency: string; usdRate: number | null },
): { amount: number; currency: string; usd: number | null } {
  const { currency, usdRate } = tenant;
  if (value.amount != null && value.currency && value.currency !== "USD") {
    const usd = value.usd ?? (value.currency === currency && usdRate ? value.amount / usdRate : null);
    return { amount: value.amount, currency: value.currency, usd };
  }
  const usd = value.usd ?? value.amount ?? 0;
  if (currency === "USD" || usdRate == null) return { amount: usd, currency: "USD", usd };
  return { amount: usd * usdRate, currency, usd };
}

/**
 * A price as a person types it ("49,90", "49.90", "1.234,50", "1,234.50", "49") → minor units
 * (4990), or null when it is not an amount. The last separator followed by one or two digits is
 * the decimal one; the others group thousands.
 */
export function parseMoneyInput(text: string): number | null {
  const s = text.trim().replace(/\s/g, "");
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const m = /^(.*?)(?:[.,](\d{1,2}))?$/.exec(s)!;
  const whole = m[1]!;
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(whole)) return null;
  const units = Number(whole.replace(/[.,]/g, ""));
  const cents = m[2] ? Number(m[2].padEnd(2, "0")) : 0;
  const minor = units * 100 + cents;
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units back to what the price field shows ("49,90" in Portuguese). */
export function minorToInput(locale: Locale | string, minor: number): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(minor / 100);
}

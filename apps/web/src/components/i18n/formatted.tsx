"use client";
import { useLocale } from "next-intl";
import { formatDate, formatDateTime, formatNumber, formatPercent } from "~/i18n/format";

/** Date and time in the reader's language (and the tenant's zone when given). */
export function DateTime({ value, timeZone, dateOnly }: { value: Date | string | number; timeZone?: string; dateOnly?: boolean }) {
  const locale = useLocale();
  const d = new Date(value);
  return <time dateTime={d.toISOString()}>{dateOnly ? formatDate(locale, d, timeZone) : formatDateTime(locale, d, timeZone)}</time>;
}

export function Num({ value, digits = 0 }: { value: number; digits?: number }) {
  return <>{formatNumber(useLocale(), value, digits)}</>;
}

export function Percent({ ratio, digits = 0 }: { ratio: number; digits?: number }) {
  return <>{formatPercent(useLocale(), ratio, digits)}</>;
}

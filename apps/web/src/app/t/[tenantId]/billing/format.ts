/** Shared by the billing components: plan models by family. Money and dates come from ~/i18n/format. */
import { formatDate, formatMoney } from "~/i18n/format";

const FAMILIES = ["Haiku", "Sonnet", "Opus"] as const;

/** "Haiku, Sonnet" from model ids: people choose plans by family, not by dated model id. */
export function families(models: string[]): string[] {
  return FAMILIES.filter((f) => models.some((m) => m.toLowerCase().includes(f.toLowerCase())));
}

/** Prices are stored in minor units (centavos); people read currency units. */
export function money(locale: string, minor: number, currency: string, free: string): string {
  if (minor === 0) return free;
  return formatMoney(locale, minor / 100, currency);
}

export function day(locale: string, d: Date | string | null): string {
  if (!d) return "—";
  return formatDate(locale, d, "UTC");
}

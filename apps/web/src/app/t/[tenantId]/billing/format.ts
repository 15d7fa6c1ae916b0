/** Shared by the billing components: money in minor units, plan models by family, dates. */
export function money(minor: number, currency: string): string {
  if (minor === 0) return "Free";
  return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(minor / 100);
}

const FAMILIES = ["Haiku", "Sonnet", "Opus"] as const;

/** "Haiku, Sonnet" from model ids: people choose plans by family, not by dated model id. */
export function families(models: string[]): string[] {
  return FAMILIES.filter((f) => models.some((m) => m.toLowerCase().includes(f.toLowerCase())));
}

export function day(d: Date | string | null): string {
  if (!d) return "—";
  return new Date(d).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export const limit = (n: number | null, unit: string) => (n === null ? `Unlimited ${unit}` : `${n.toLocaleString("en-US")} ${unit}`);

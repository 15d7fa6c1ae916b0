import { localDay } from "@baas/gateway";
import type { RangeInput } from "./analytics.schemas";

export interface DayWindow {
  /** First and last tenant-local day, inclusive, "YYYY-MM-DD". */
  from: string;
  to: string;
  /** Every day of the window in order (the charts show empty days too). */
  days: string[];
}

const PRESET_DAYS = { today: 1, "7d": 7, "30d": 30, "90d": 90 } as const;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The window a range input stands for, in the tenant's time zone (presets end today). */
export function resolveRange(input: RangeInput, timeZone: string, now: Date): DayWindow {
  if (input.range === "custom") return { from: input.from!, to: input.to!, days: daysBetween(input.from!, input.to!) };
  const to = localDay(now, timeZone);
  const from = addDays(to, 1 - PRESET_DAYS[input.range]);
  return { from, to, days: daysBetween(from, to) };
}

/** Prisma filter on a roll-up's local `day` column. */
export const dayFilter = (w: DayWindow) => ({ gte: new Date(`${w.from}T00:00:00Z`), lte: new Date(`${w.to}T00:00:00Z`) });

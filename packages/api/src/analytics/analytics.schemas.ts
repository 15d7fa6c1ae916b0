import { z } from "zod";

export const RANGES = ["today", "7d", "30d", "90d", "custom"] as const;
/** Longest custom range: a year of daily roll-ups keeps every query small. */
export const MAX_RANGE_DAYS = 366;

const isoDay = (field: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field} must be a date like 2026-12-31`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), `${field} is not a real date`);

const dayNumber = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;

/** A range of tenant-local days: a preset, or custom with both ends (inclusive). */
export const rangeSchema = z
  .object({ range: z.enum(RANGES), from: isoDay("From").optional(), to: isoDay("To").optional() })
  .superRefine((r, ctx) => {
    if (r.range !== "custom") return;
    if (!r.from) ctx.addIssue({ code: "custom", path: ["from"], message: "From is required for a custom range" });
    if (!r.to) ctx.addIssue({ code: "custom", path: ["to"], message: "To is required for a custom range" });
    if (!r.from || !r.to) return;
    if (r.from > r.to) ctx.addIssue({ code: "custom", path: ["to"], message: "To must be on or after From" });
    else if (dayNumber(r.to) - dayNumber(r.from) + 1 > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: `A range is at most ${MAX_RANGE_DAYS} days` });
  });
export type RangeInput = z.infer<typeof rangeSchema>;

const id = z.string().min(1).max(64);

export const STACKS = ["channel", "agent"] as const;
export const dailyInput = z.object({ stackBy: z.enum(STACKS) });
export const sessionsInput = z.object({ scope: z.enum(STACKS), id });
export const callsInput = z.object({ sessionKey: z.string().min(1, "Session key is required").max(500, "Session key is at most 500 characters") });

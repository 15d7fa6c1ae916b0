import { z } from "zod";

export const BUDGET_SCOPES = ["TENANT", "AGENT", "CHANNEL"] as const;
export const BUDGET_PERIODS = ["DAILY", "WEEKLY", "MONTHLY"] as const;
export const BUDGET_ACTIONS = ["BLOCK", "DOWNGRADE", "WARN"] as const;
export const DEFAULT_THRESHOLDS = [80, 90, 100];

const optionalLimit = (max: number, what: string) =>
  z.number({ error: `${what} must be a number` }).finite(`${what} must be a number`).min(0, `${what} cannot be negative`).max(max, `${what} is at most ${max.toLocaleString("en")}`).nullable();

/**
 * A budget as the form edits it. Money is in major units of `currency` (12.50 = 12,500,000
 * micros); at least one of money, tokens and messages is limited.
 */
export const budgetFieldsSchema = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(80, "Name is at most 80 characters"),
    scope: z.enum(BUDGET_SCOPES),
    agentId: z.string().min(1).max(64).nullable(),
    channelId: z.string().min(1).max(64).nullable(),
    period: z.enum(BUDGET_PERIODS),
    currency: z.string().regex(/^[A-Z]{3}$/, "Currency is a three-letter code such as USD"),
    limitMoney: optionalLimit(1_000_000_000, "Money limit"),
    limitTokens: optionalLimit(1_000_000_000_000, "Token limit").refine((v) => v === null || Number.isInteger(v), "Token limit must be a whole number"),
    limitMessages: optionalLimit(1_000_000_000, "Message limit").refine((v) => v === null || Number.isInteger(v), "Message limit must be a whole number"),
    thresholds: z
      .array(z.number().int("Thresholds are whole percents").min(1, "Thresholds are between 1 and 100").max(100, "Thresholds are between 1 and 100"))
      .min(1, "At least one alert threshold")
      .max(10, "At most 10 thresholds")
      .refine((t) => t.every((v, i) => i === 0 || v > t[i - 1]!), "Thresholds must go up, each once (e.g. 80, 90, 100)"),
    action: z.enum(BUDGET_ACTIONS),
    downgradeModel: z.string().trim().min(1).max(200).nullable(),
  })
  .superRefine((b, ctx) => {
    if (b.limitMoney === null && b.limitTokens === null && b.limitMessages === null) {
      ctx.addIssue({ code: "custom", path: ["limitMoney"], message: "Set a limit in money, tokens or messages" });
    }
    if (b.scope === "AGENT" && !b.agentId) ctx.addIssue({ code: "custom", path: ["agentId"], message: "Pick the agent this budget is for" });
    if (b.scope === "CHANNEL" && !b.channelId) ctx.addIssue({ code: "custom", path: ["channelId"], message: "Pick the group or DM this budget is for" });
    if (b.action !== "DOWNGRADE" && b.downgradeModel) ctx.addIssue({ code: "custom", path: ["downgradeModel"], message: "A downgrade model only applies when the action is downgrade" });
  });

export type BudgetFieldsInput = z.input<typeof budgetFieldsSchema>;

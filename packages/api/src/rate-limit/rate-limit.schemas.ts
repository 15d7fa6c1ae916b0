import { z } from "zod";

const limit = (what: string) =>
  z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).min(1, `${what} is at least 1`).max(1_000_000_000, `${what} is at most 1,000,000,000`).nullable();

/** A tenant's own rate rule: the whole team or one agent, per minute, hour or day. */
export const rateLimitFieldsSchema = z
  .object({
    scope: z.enum(["TENANT", "AGENT"]),
    agentId: z.string().min(1).max(64).nullable(),
    window: z.enum(["MINUTE", "HOUR", "DAY"]),
    maxRequests: limit("Max requests"),
    maxTokens: limit("Max tokens"),
  })
  .superRefine((r, ctx) => {
    if (r.maxRequests === null && r.maxTokens === null) ctx.addIssue({ code: "custom", path: ["maxRequests"], message: "Set a limit on requests, tokens or both" });
    if (r.scope === "AGENT" && !r.agentId) ctx.addIssue({ code: "custom", path: ["agentId"], message: "Pick the agent this limit is for" });
  });

export type RateLimitFieldsInput = z.input<typeof rateLimitFieldsSchema>;

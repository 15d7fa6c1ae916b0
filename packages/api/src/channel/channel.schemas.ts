import { z } from "zod";

export const mentionPatternSchema = z
  .string()
  .trim()
  .min(1, "Mention pattern must not be empty")
  .max(100, "Mention pattern is at most 100 characters");

/** Per-group settings form: every field optional so a single toggle saves alone. */
export const channelSettingsSchema = z.object({
  requireMention: z.boolean().optional(),
  modelOverride: z.string().min(1).nullable().optional(),
  mentionPatterns: z
    .array(mentionPatternSchema)
    .max(50, "At most 50 mention patterns")
    .refine((a) => new Set(a.map((p) => p.toLowerCase())).size === a.length, "Mention patterns must be unique")
    .optional(),
  policy: z.enum(["OPEN", "ALLOWLIST", "BLOCKED"]).optional(),
});

export const tenantPoliciesSchema = z.object({
  dmPolicy: z.enum(["PAIRING", "ALLOWLIST", "OPEN", "DISABLED"]).optional(),
  groupPolicy: z.enum(["OPEN", "ALLOWLIST", "DISABLED"]).optional(),
});

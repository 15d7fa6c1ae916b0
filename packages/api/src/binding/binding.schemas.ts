import { z } from "zod";

export const bindingPatternSchema = z
  .string()
  .trim()
  .max(260, "Pattern is at most 260 characters")
  .regex(/^([a-z][a-z0-9_-]*):(dm|group|channel):(\*|[^\s:*]+)$/, "Pattern looks like whatsapp:dm:* or whatsapp:dm:+5511999990000")
  // The host config holds a peer id of at most 200 characters: said here, not as a config error later.
  .refine((p) => (p.split(":")[2] ?? "").length <= 200, "The id after the second colon is at most 200 characters");

export const bindingCreateSchema = z
  .object({
    agentId: z.string().min(1, "Pick an agent"),
    channelId: z.string().min(1).optional(),
    pattern: bindingPatternSchema.optional(),
    priority: z.number().int().min(-1000).max(1000).optional(),
  })
  .refine((b) => Boolean(b.channelId) !== Boolean(b.pattern), { message: "Bind either a group or a pattern", path: ["channelId"] });

const provider = z.string().regex(/^[a-z][a-z0-9_-]*$/).max(40).default("whatsapp");

/**
 * What the rule builder offers: "answers [this chat] / all groups / all direct messages / a
 * person…". The pattern syntax stays underneath (see binding-rule.ts); people never type it.
 */
export const ruleTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("chat"), channelId: z.string().min(1, "Pick a group or chat") }),
  z.object({ kind: z.literal("allGroups"), provider }),
  z.object({ kind: z.literal("allDms"), provider }),
  z.object({
    kind: z.literal("person"),
    provider,
    phone: z
      .string()
      .trim()
      .transform((v) => v.replace(/[\s().-]/g, ""))
      .pipe(z.string().regex(/^\+\d{8,15}$/, "Phone number with country code, e.g. +55 11 99999-0000")),
  }),
]);

export const bindingRuleSchema = z.object({ agentId: z.string().min(1, "Pick an agent"), target: ruleTargetSchema });

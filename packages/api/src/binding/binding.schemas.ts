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

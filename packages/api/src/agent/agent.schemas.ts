import { z } from "zod";
import { AGENT_ID_PATTERN } from "../config-revision/clawdbot-config.schema";
import { ruleTargetSchema } from "../binding/binding.schemas";

export const SKILLS = ["tts", "stt", "image", "search"] as const;
export const skillSchema = z.enum(SKILLS);
export const TEMPLATES = ["sales", "support", "hr"] as const;

const optionalText = (max: number, message: string) =>
  z.union([z.literal(""), z.string().trim().max(max, message)]).optional().transform((v) => (v ? v : null));

/** The identity/model/prompt/skills form, shared by the page (validates as you type) and the router. */
export const agentFieldsSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(80, "Name is at most 80 characters"),
  emoji: optionalText(16, "Emoji is at most 16 characters"),
  avatarUrl: z
    .union([z.literal(""), z.string().trim().url("Avatar must be a URL (https://…)").max(2048)])
    .optional()
    .transform((v) => (v ? v : null)),
  model: z.string().min(1, "Pick a model"),
  systemPrompt: optionalText(20_000, "System prompt is at most 20,000 characters"),
  skills: z.array(skillSchema).max(SKILLS.length),
});
export type AgentFieldsInput = z.input<typeof agentFieldsSchema>;

export const externalIdSchema = z
  .string()
  .trim()
  .regex(AGENT_ID_PATTERN, "Id: lower case letters, digits, - or _ (e.g. lobo)");

export const agentCreateSchema = agentFieldsSchema.extend({
  externalId: externalIdSchema,
  template: z.enum(TEMPLATES).optional(),
  instanceId: z.string().min(1).nullable().optional(),
  /** Where the new agent answers, bound in the same save (so it is never created answering nowhere). */
  answers: z.array(ruleTargetSchema).max(50, "At most 50 places at once").optional(),
});

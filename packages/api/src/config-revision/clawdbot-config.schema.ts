import { agentIdSchema } from "@baas/protocol";
import { z } from "zod";

// Agent ids are part of the gateway contract too: one rule, in the protocol package.
export { AGENT_ID_PATTERN, agentIdSchema, hostAgentIdSchema } from "@baas/protocol";

/**
 * The desired Clawdbot/OpenClaw config fragment BaaS offers an instance, mirroring the host's own
 * rules (OpenClaw 2026.9 `agents.entries`, `bindings[]`, `channels.<provider>.*`). A fragment that
 * fails here is never offered to a plugin.
 */
export const modelRefSchema = z.string().regex(/^baas\/[A-Za-z0-9._:-]+$/, "model refs look like baas/<model>");

const identitySchema = z
  .object({
    name: z.string().trim().min(1, "identity.name must not be empty").max(80),
    emoji: z.string().min(1).max(16).optional(),
    avatar: z
      .string()
      .max(2048)
      .refine((v) => /^(https?:\/\/|data:image\/|[\w./-]+$)/.test(v), "avatar must be a URL, data: URI or workspace path")
      .optional(),
    theme: z.string().max(200).optional(),
  })
  .strict();

const agentEntrySchema = z
  .object({
    identity: identitySchema,
    model: modelRefSchema.optional(),
    groupChat: z.object({ mentionPatterns: z.array(z.string().min(1).max(100)).max(50) }).strict().optional(),
  })
  .strict();

export const peerKindSchema = z.enum(["direct", "group", "channel"]);

const bindingSchema = z
  .object({
    agentId: agentIdSchema,
    match: z
      .object({
        channel: z.string().regex(/^[a-z][a-z0-9_-]*$/, "channel ids are lower case (whatsapp, telegram …)"),
        peer: z.object({ kind: peerKindSchema, id: z.string().min(1).max(200) }).strict().optional(),
      })
      .strict(),
  })
  .strict();

const providerChannelSchema = z
  .object({
    dmPolicy: z.enum(["pairing", "allowlist", "open", "disabled"]),
    groupPolicy: z.enum(["open", "allowlist", "disabled"]),
    groups: z.record(z.string().min(1), z.object({ requireMention: z.boolean() }).strict()),
  })
  .strict();

export const clawdbotConfigSchema = z
  .object({
    agents: z
      .object({
        ownership: z.literal("explicit").optional(),
        entries: z.record(agentIdSchema, agentEntrySchema),
      })
      .strict(),
    bindings: z.array(bindingSchema),
    channels: z.record(z.string(), providerChannelSchema),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const ids = Object.keys(cfg.agents.entries);
    if (ids.length > 1 && cfg.agents.ownership !== "explicit") {
      ctx.addIssue({ code: "custom", path: ["agents", "ownership"], message: "a roster with several agents needs ownership: explicit" });
    }
    const seen = new Set<string>();
    cfg.bindings.forEach((b, i) => {
      if (!ids.includes(b.agentId)) {
        ctx.addIssue({ code: "custom", path: ["bindings", i, "agentId"], message: `binding routes to unknown agent "${b.agentId}"` });
      }
      const key = `${b.match.channel}|${b.match.peer?.kind ?? "*"}|${b.match.peer?.id ?? "*"}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["bindings", i, "match"], message: "two bindings match the same peer" });
      seen.add(key);
    });
  });

export type ClawdbotConfig = z.infer<typeof clawdbotConfigSchema>;

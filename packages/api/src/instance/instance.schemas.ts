import { z } from "zod";
import { hostAgentIdSchema } from "../config-revision/clawdbot-config.schema";

/** What the plugin reports about itself every heartbeat. */
export const heartbeatInput = z.object({
  hostKind: z.enum(["OPENCLAW", "CLAWDBOT"]).optional(),
  hostVersion: z.string().max(100).nullish(),
  pluginVersion: z.string().max(100).nullish(),
  uptimeSec: z.number().int().min(0).max(2_000_000_000).nullish(),
  /** Last error the plugin hit (config sync, control-plane calls); null clears it. */
  lastError: z.string().max(2000).nullish(),
});
export const heartbeatOutput = z.object({ ok: z.literal(true), serverTime: z.date() });

export const inventoryAgent = z.object({
  externalId: hostAgentIdSchema,
  name: z.string().max(200).nullish(),
  emoji: z.string().max(32).nullish(),
  model: z.string().max(200).nullish(),
});
export const inventoryChannel = z.object({
  provider: z.string().min(1).max(50),
  peerKind: z.enum(["group", "dm", "channel"]),
  externalId: z.string().min(1).max(300),
  name: z.string().max(300).nullish(),
});
export const reportInventoryInput = z.object({
  agents: z.array(inventoryAgent).max(1000),
  channels: z.array(inventoryChannel).max(5000),
});
export const reportInventoryOutput = z.object({ agents: z.number().int(), channels: z.number().int() });

export const pullConfigInput = z.object({
  /** Hash the plugin already has (applied or rejected): the call waits for something newer. */
  knownHash: z.string().max(128).nullish(),
  /** Long-poll window; 0 answers at once. */
  waitMs: z.number().int().min(0).max(25_000).default(0),
});
export const configRevisionView = z.object({
  id: z.string(),
  version: z.number().int(),
  hash: z.string(),
  config: z.unknown(),
  status: z.enum(["PENDING", "APPLIED", "FAILED", "SUPERSEDED"]),
  createdAt: z.date(),
});
export const pullConfigOutput = z.object({
  /** The desired revision; null when the instance has none. */
  revision: configRevisionView.nullable(),
  /** False when the desired revision's hash equals knownHash. */
  changed: z.boolean(),
});

export const ackConfigInput = z.object({
  revisionId: z.string().min(1),
  status: z.enum(["applied", "failed"]),
  hostHash: z.string().max(200).nullish(),
  error: z.string().max(4000).nullish(),
});
export const ackConfigOutput = z.object({ revisionId: z.string(), status: z.enum(["APPLIED", "FAILED"]) });

export type HeartbeatInput = z.infer<typeof heartbeatInput>;
export type ReportInventoryInput = z.infer<typeof reportInventoryInput>;
export type PullConfigInput = z.input<typeof pullConfigInput>;
export type AckConfigInput = z.infer<typeof ackConfigInput>;
export type ConfigRevisionView = z.infer<typeof configRevisionView>;

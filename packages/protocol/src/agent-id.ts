import { z } from "zod";

/** The host config's rule for agent ids (OpenClaw 2026.9 `agents.entries`). */
export const AGENT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const agentIdSchema = z.string().regex(AGENT_ID_PATTERN, "agent ids are lower case letters, digits, - and _ (max 64)");

/**
 * An agent id as a host sends it: case and surrounding space are the host's, the rule is the
 * config's. Anything else is refused at the edge, so no id the config cannot hold ever becomes
 * an Agent row (one such row used to break every later config save of its tenant).
 */
export const hostAgentIdSchema = z.string().max(200).trim().toLowerCase().pipe(agentIdSchema);

/**
 * The agent id of a call no agent run caused (a host task outside any session): the gateway
 * records it against the instance with no agent, never as an Agent row (an id the host config
 * cannot hold must not become one).
 */
export const INSTANCE_AGENT_ID = "_instance";

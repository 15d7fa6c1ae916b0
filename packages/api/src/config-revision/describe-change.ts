import { channelPhrase, phoneOf, type ChannelLike } from "../channel/channel-label";
import type { SettingsSnapshot } from "./settings-snapshot";

/**
 * "What changed" for a published change, in words people know: agent and group names, never row
 * ids or WhatsApp ids. Pure: compares the settings snapshot the previous revision was composed
 * from with the new one. The channel rows give names (a snapshot keeps settings, not inventory).
 */
type Channel = ChannelLike & { id: string; provider: string };
type Agent = SettingsSnapshot["agents"][number];
type ChannelSettings = SettingsSnapshot["channels"][number];

const MAX_SUMMARY = 300;
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A binding's target in words: a chat, or what a pattern covers. */
function targetPhrase(b: { channelId: string | null; pattern: string | null }, channels: Map<string, Channel>): string {
  if (b.channelId) {
    const c = channels.get(b.channelId);
    return c ? channelPhrase(c) : "a chat that no longer exists";
  }
  const [provider = "", kind = "", id = ""] = (b.pattern ?? "").split(":");
  const on = provider && provider !== "whatsapp" ? ` on ${upper(provider)}` : "";
  if (id === "*") return `${kind === "dm" ? "all direct messages" : kind === "group" ? "all groups" : "all channels"}${on}`;
  const known = [...channels.values()].find((c) => c.provider === provider && c.externalId === id);
  if (known) return channelPhrase(known);
  const who = phoneOf(id) ?? "someone";
  return `${kind === "dm" ? `the direct messages with ${who}` : kind === "group" ? "a group" : "a channel"}${on}`;
}

function agentLines(before: Agent | undefined, after: Agent): string[] {
  if (!before) return [`Created the agent ${after.name}`];
  const out: string[] = [];
  if (before.name !== after.name) out.push(`${before.name} is now called ${after.name}`);
  const n = after.name;
  if (before.enabled !== after.enabled) out.push(`${n} switched ${after.enabled ? "on" : "off"}`);
  if (before.model !== after.model) out.push(after.model ? `${n} now uses ${after.model}` : `${n} now uses the default model`);
  if (before.systemPrompt !== after.systemPrompt) out.push(`${n}'s instructions changed`);
  if (!same(before.skills, after.skills)) out.push(`${n}'s skills changed`);
  if (before.emoji !== after.emoji || before.avatarUrl !== after.avatarUrl || before.theme !== after.theme) out.push(`${n}'s look changed`);
  if (!same(before.mentionPatterns, after.mentionPatterns)) out.push(`${n}'s mention words changed`);
  return out;
}

const POLICY_WORDS = { OPEN: "is open to everyone", ALLOWLIST: "now answers only allowed people", BLOCKED: "is now blocked" } as const;

function channelLines(before: ChannelSettings | undefined, after: ChannelSettings, channel: Channel | undefined): string[] {
  if (!before || !channel) return [];
  const label = upper(channelPhrase(channel));
  const out: string[] = [];
  if (before.requireMention !== after.requireMention) out.push(after.requireMention ? `${label} now answers only when mentioned` : `${label} now answers every message`);
  if (before.modelOverride !== after.modelOverride) out.push(after.modelOverride ? `${label} now uses ${after.modelOverride}` : `${label} now uses its agent's model`);
  if (before.policy !== after.policy) out.push(`${label} ${POLICY_WORDS[after.policy]}`);
  if (!same(before.mentionPatterns, after.mentionPatterns)) out.push(`${label}: mention words changed`);
  if (!same(before.allowFrom, after.allowFrom)) out.push(`${label}: allowed people changed`);
  return out;
}

/** A pattern in words ("all direct messages"), for messages that have no channel rows at hand. */
export function patternPhrase(pattern: string): string {
  return targetPhrase({ channelId: null, pattern }, new Map());
}

function bindingLines(before: SettingsSnapshot, after: SettingsSnapshot, channels: Map<string, Channel>): string[] {
  const name = (id: string) => after.agents.find((a) => a.id === id)?.name ?? before.agents.find((a) => a.id === id)?.name ?? "a removed agent";
  const key = (b: { channelId: string | null; pattern: string | null }) => b.channelId ?? `p:${b.pattern}`;
  const was = new Map(before.bindings.map((b) => [key(b), b]));
  const now = new Map(after.bindings.map((b) => [key(b), b]));
  const out: string[] = [];
  for (const [k, b] of now) {
    const old = was.get(k);
    if (!old) out.push(`${name(b.agentId)} now answers ${targetPhrase(b, channels)}`);
    else if (old.agentId !== b.agentId) out.push(`${name(b.agentId)} now answers ${targetPhrase(b, channels)} instead of ${name(old.agentId)}`);
  }
  for (const [k, b] of was) if (!now.has(k)) out.push(`${name(b.agentId)} no longer answers ${targetPhrase(b, channels)}`);
  return out;
}

const DM_WORDS = { PAIRING: "strangers must pair first", ALLOWLIST: "only allowed people", OPEN: "open to everyone", DISABLED: "switched off" } as const;
const GROUP_WORDS = { OPEN: "open to every group", ALLOWLIST: "only listed groups", DISABLED: "switched off" } as const;

/** Each change as a sentence, in a stable order: agents, bindings, chats, team policies. */
export function describeChanges(before: SettingsSnapshot, after: SettingsSnapshot, channelRows: Channel[]): string[] {
  const channels = new Map(channelRows.map((c) => [c.id, c]));
  const agentsBefore = new Map(before.agents.map((a) => [a.id, a]));
  const chBefore = new Map(before.channels.map((c) => [c.id, c]));
  const out = after.agents.flatMap((a) => agentLines(agentsBefore.get(a.id), a));
  out.push(...bindingLines(before, after, channels));
  for (const c of after.channels) out.push(...channelLines(chBefore.get(c.id), c, channels.get(c.id)));
  if (before.tenant.dmPolicy !== after.tenant.dmPolicy) out.push(`Direct messages: ${DM_WORDS[after.tenant.dmPolicy]}`);
  if (before.tenant.groupPolicy !== after.tenant.groupPolicy) out.push(`Groups: ${GROUP_WORDS[after.tenant.groupPolicy]}`);
  return out;
}

/** The lines joined into one summary that fits the column, saying how many were left out. */
export function summarize(lines: string[], fallback: string): string {
  if (!lines.length) return fallback.slice(0, MAX_SUMMARY);
  let text = "";
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1;
    const next = text ? `${text}; ${line}` : line;
    const tail = rest ? `; and ${rest} more change${rest === 1 ? "" : "s"}` : "";
    if ((next + tail).length > MAX_SUMMARY) return `${text}; and ${lines.length - i} more change${lines.length - i === 1 ? "" : "s"}`.slice(0, MAX_SUMMARY);
    text = next;
  }
  return text;
}

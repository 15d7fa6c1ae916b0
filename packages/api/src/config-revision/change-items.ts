import { channelName, phoneOf, type ChannelLike } from "../channel/channel-label";
import type { SettingsSnapshot } from "./settings-snapshot";

/**
 * "What changed" between two settings snapshots, as data: a key and the names it speaks of
 * (agent and chat names, never row ids or WhatsApp ids). The pages render it in the reader's
 * language; describe-change.ts renders the English sentence kept as the revision's summary.
 */
export type Target =
  | { kind: "group" | "dm" | "channel"; name: string }
  | { kind: "allGroups" | "allDms" | "allChannels"; provider: string }
  | { kind: "person"; name: string }
  | { kind: "someone" | "gone" };

export type ChangeItem =
  | { key: "agentCreated" | "agentOn" | "agentOff" | "agentModelDefault" | "agentPrompt" | "agentSkills" | "agentLook" | "agentMentions"; agent: string }
  | { key: "agentRenamed"; from: string; agent: string }
  | { key: "agentModel"; agent: string; model: string }
  | { key: "bindingAdded" | "bindingRemoved"; agent: string; target: Target }
  | { key: "bindingMoved"; agent: string; from: string; target: Target }
  | { key: "chatMentionOn" | "chatMentionOff" | "chatModelDefault" | "chatMentions" | "chatAllowFrom"; target: Target }
  | { key: "chatModel"; target: Target; model: string }
  | { key: "chatPolicy"; target: Target; policy: "OPEN" | "ALLOWLIST" | "BLOCKED" }
  | { key: "dmPolicy"; policy: SettingsSnapshot["tenant"]["dmPolicy"] }
  | { key: "groupPolicy"; policy: SettingsSnapshot["tenant"]["groupPolicy"] };

export type Channel = ChannelLike & { id: string; provider: string };
type Agent = SettingsSnapshot["agents"][number];
type ChannelSettings = SettingsSnapshot["channels"][number];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function chatTarget(c: ChannelLike): Target {
  return { kind: c.peerKind === "DM" ? "dm" : c.peerKind === "GROUP" ? "group" : "channel", name: channelName(c) };
}

/** A binding's target: a chat, or what a pattern covers. */
export function bindingTarget(b: { channelId: string | null; pattern: string | null }, channels: Map<string, Channel>): Target {
  if (b.channelId) {
    const c = channels.get(b.channelId);
    return c ? chatTarget(c) : { kind: "gone" };
  }
  const [provider = "", kind = "", id = ""] = (b.pattern ?? "").split(":");
  if (id === "*") return { kind: kind === "dm" ? "allDms" : kind === "group" ? "allGroups" : "allChannels", provider };
  const known = [...channels.values()].find((c) => c.provider === provider && c.externalId === id);
  if (known) return chatTarget(known);
  const phone = phoneOf(id);
  return kind === "dm" && phone ? { kind: "person", name: phone } : { kind: "someone" };
}

function agentItems(before: Agent | undefined, after: Agent): ChangeItem[] {
  const agent = after.name;
  if (!before) return [{ key: "agentCreated", agent }];
  const out: ChangeItem[] = [];
  if (before.name !== after.name) out.push({ key: "agentRenamed", from: before.name, agent });
  if (before.enabled !== after.enabled) out.push({ key: after.enabled ? "agentOn" : "agentOff", agent });
  if (before.model !== after.model) out.push(after.model ? { key: "agentModel", agent, model: after.model } : { key: "agentModelDefault", agent });
  if (before.systemPrompt !== after.systemPrompt) out.push({ key: "agentPrompt", agent });
  if (!same(before.skills, after.skills)) out.push({ key: "agentSkills", agent });
  if (before.emoji !== after.emoji || before.avatarUrl !== after.avatarUrl || before.theme !== after.theme) out.push({ key: "agentLook", agent });
  if (!same(before.mentionPatterns, after.mentionPatterns)) out.push({ key: "agentMentions", agent });
  return out;
}

function chatItems(before: ChannelSettings | undefined, after: ChannelSettings, channel: Channel | undefined): ChangeItem[] {
  if (!before || !channel) return [];
  const target = chatTarget(channel);
  const out: ChangeItem[] = [];
  if (before.requireMention !== after.requireMention) out.push({ key: after.requireMention ? "chatMentionOn" : "chatMentionOff", target });
  if (before.modelOverride !== after.modelOverride) out.push(after.modelOverride ? { key: "chatModel", target, model: after.modelOverride } : { key: "chatModelDefault", target });
  if (before.policy !== after.policy) out.push({ key: "chatPolicy", target, policy: after.policy });
  if (!same(before.mentionPatterns, after.mentionPatterns)) out.push({ key: "chatMentions", target });
  if (!same(before.allowFrom, after.allowFrom)) out.push({ key: "chatAllowFrom", target });
  return out;
}

function bindingItems(before: SettingsSnapshot, after: SettingsSnapshot, channels: Map<string, Channel>): ChangeItem[] {
  const name = (id: string) => after.agents.find((a) => a.id === id)?.name ?? before.agents.find((a) => a.id === id)?.name ?? "?";
  const key = (b: { channelId: string | null; pattern: string | null }) => b.channelId ?? `p:${b.pattern}`;
  const was = new Map(before.bindings.map((b) => [key(b), b]));
  const now = new Map(after.bindings.map((b) => [key(b), b]));
  const out: ChangeItem[] = [];
  for (const [k, b] of now) {
    const old = was.get(k);
    if (!old) out.push({ key: "bindingAdded", agent: name(b.agentId), target: bindingTarget(b, channels) });
    else if (old.agentId !== b.agentId) out.push({ key: "bindingMoved", agent: name(b.agentId), from: name(old.agentId), target: bindingTarget(b, channels) });
  }
  for (const [k, b] of was) if (!now.has(k)) out.push({ key: "bindingRemoved", agent: name(b.agentId), target: bindingTarget(b, channels) });
  return out;
}

/** Each change, in a stable order: agents, who answers where, chats, team policies. */
export function changeItems(before: SettingsSnapshot, after: SettingsSnapshot, channelRows: Channel[]): ChangeItem[] {
  const channels = new Map(channelRows.map((c) => [c.id, c]));
  const agentsBefore = new Map(before.agents.map((a) => [a.id, a]));
  const chBefore = new Map(before.channels.map((c) => [c.id, c]));
  const out = after.agents.flatMap((a) => agentItems(agentsBefore.get(a.id), a));
  out.push(...bindingItems(before, after, channels));
  for (const c of after.channels) out.push(...chatItems(chBefore.get(c.id), c, channels.get(c.id)));
  if (before.tenant.dmPolicy !== after.tenant.dmPolicy) out.push({ key: "dmPolicy", policy: after.tenant.dmPolicy });
  if (before.tenant.groupPolicy !== after.tenant.groupPolicy) out.push({ key: "groupPolicy", policy: after.tenant.groupPolicy });
  return out;
}

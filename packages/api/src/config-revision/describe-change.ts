import { bindingTarget, changeItems, type Channel, type ChangeItem, type Target } from "./change-items";
import type { SettingsSnapshot } from "./settings-snapshot";

/**
 * The English sentence of each change (change-items.ts), kept as the revision's summary for the
 * audit log and anything that reads the column; the pages translate the items themselves.
 */
const MAX_SUMMARY = 300;
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function targetWords(t: Target): string {
  switch (t.kind) {
    case "group": return `the group ${t.name}`;
    case "dm": return `the direct messages with ${t.name}`;
    case "channel": return `the channel ${t.name}`;
    case "person": return `the direct messages with ${t.name}`;
    case "allGroups": case "allDms": case "allChannels": {
      const what = { allGroups: "all groups", allDms: "all direct messages", allChannels: "all channels" }[t.kind];
      return t.provider && t.provider !== "whatsapp" ? `${what} on ${upper(t.provider)}` : what;
    }
    case "someone": return "someone";
    case "gone": return "a chat that no longer exists";
  }
}

const POLICY = { OPEN: "is open to everyone", ALLOWLIST: "now answers only allowed people", BLOCKED: "is now blocked" } as const;
const DM = { PAIRING: "strangers must pair first", ALLOWLIST: "only allowed people", OPEN: "open to everyone", DISABLED: "switched off" } as const;
const GROUPS = { OPEN: "open to every group", ALLOWLIST: "only listed groups", DISABLED: "switched off" } as const;

export function englishLine(c: ChangeItem): string {
  switch (c.key) {
    case "agentCreated": return `Created the agent ${c.agent}`;
    case "agentRenamed": return `${c.from} is now called ${c.agent}`;
    case "agentOn": return `${c.agent} switched on`;
    case "agentOff": return `${c.agent} switched off`;
    case "agentModel": return `${c.agent} now uses ${c.model}`;
    case "agentModelDefault": return `${c.agent} now uses the default model`;
    case "agentPrompt": return `${c.agent}'s instructions changed`;
    case "agentSkills": return `${c.agent}'s skills changed`;
    case "agentLook": return `${c.agent}'s look changed`;
    case "agentMentions": return `${c.agent}'s mention words changed`;
    case "bindingAdded": return `${c.agent} now answers ${targetWords(c.target)}`;
    case "bindingMoved": return `${c.agent} now answers ${targetWords(c.target)} instead of ${c.from}`;
    case "bindingRemoved": return `${c.agent} no longer answers ${targetWords(c.target)}`;
    case "chatMentionOn": return `${upper(targetWords(c.target))} now answers only when mentioned`;
    case "chatMentionOff": return `${upper(targetWords(c.target))} now answers every message`;
    case "chatModel": return `${upper(targetWords(c.target))} now uses ${c.model}`;
    case "chatModelDefault": return `${upper(targetWords(c.target))} now uses its agent's model`;
    case "chatPolicy": return `${upper(targetWords(c.target))} ${POLICY[c.policy]}`;
    case "chatMentions": return `${upper(targetWords(c.target))}: mention words changed`;
    case "chatAllowFrom": return `${upper(targetWords(c.target))}: allowed people changed`;
    case "dmPolicy": return `Direct messages: ${DM[c.policy]}`;
    case "groupPolicy": return `Groups: ${GROUPS[c.policy]}`;
  }
}

/** Each change as an English sentence, in the order of changeItems. */
export function describeChanges(before: SettingsSnapshot, after: SettingsSnapshot, channelRows: Channel[]): string[] {
  return changeItems(before, after, channelRows).map(englishLine);
}

/** A pattern in words ("all direct messages"), for messages that have no channel rows at hand. */
export function patternPhrase(pattern: string): string {
  return targetWords(bindingTarget({ channelId: null, pattern }, new Map()));
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

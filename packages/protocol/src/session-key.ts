/**
 * OpenClaw / Clawdbot session keys (see CLAWDBOT.md §3):
 *   agent:<id>:main · agent:<id>:<channel>:group|channel:<peer> · agent:<id>:direct:<peer>
 *   agent:<id>:<channel>:direct|dm:<peer> · agent:<id>:<channel>:<account>:direct|dm:<peer>
 * optionally followed by :thread:<id>. Agent id and channel are lower-cased; peer ids keep case.
 * One parser for the gateway (attribution) and the plugin (hook contexts, which do not carry the
 * peer reliably: a DM's chatId is the channel name, so attribution comes from the key).
 */
export interface SessionKeyParts {
  agentId: string;
  channel?: string;
  peerKind?: "group" | "dm" | "channel";
  peerId?: string;
  accountId?: string;
  threadId?: string;
}

const KINDS: Record<string, "group" | "dm" | "channel"> = { group: "group", channel: "channel", direct: "dm", dm: "dm" };

export function parseSessionKey(key: string | undefined | null): SessionKeyParts | null {
  if (!key) return null;
  let parts = key.split(":");
  if (parts[0]?.toLowerCase() !== "agent" || !parts[1]) return null;
  const out: SessionKeyParts = { agentId: parts[1].toLowerCase() };
  parts = parts.slice(2);
  const t = parts.lastIndexOf("thread");
  if (t >= 0 && t < parts.length - 1) {
    out.threadId = parts.slice(t + 1).join(":");
    parts = parts.slice(0, t);
  }
  // The kind marker sits after 0 (per-peer DM), 1 (channel) or 2 (channel + account) parts;
  // the peer id after it may itself contain colons.
  const k = parts.findIndex((p, i) => i <= 2 && KINDS[p.toLowerCase()] !== undefined);
  if (k < 0 || k === parts.length - 1) return out;
  out.peerKind = KINDS[parts[k]!.toLowerCase()];
  out.peerId = parts.slice(k + 1).join(":");
  if (k >= 1) out.channel = parts[0]!.toLowerCase();
  if (k === 2) out.accountId = parts[1];
  return out;
}

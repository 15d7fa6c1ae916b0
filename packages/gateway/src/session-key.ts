/**
 * Clawdbot/OpenClaw session keys (CLAWDBOT.md §3):
 *   agent:<id>:main                                  main / collapsed DM
 *   agent:<id>:<channel>:group|channel:<peer>        groups and channels
 *   agent:<id>:direct:<peer>                         per-peer DM (OpenClaw)
 *   agent:<id>:<channel>:direct|dm:<peer>            per-channel-peer DM (dm = Clawdbot)
 *   agent:<id>:<channel>:<account>:direct|dm:<peer>  per-account-channel-peer DM
 * any of them may end in :thread:<id>. Agent id and channel are lower-cased; peer ids keep case.
 */
export interface ParsedSessionKey {
  agentId: string;
  channel: string | null;
  peerKind: "group" | "dm" | "channel" | null;
  peerId: string | null;
  accountId: string | null;
  threadId: string | null;
}

const PEER_KINDS: Record<string, ParsedSessionKey["peerKind"]> = {
  group: "group",
  channel: "channel",
  direct: "dm",
  dm: "dm",
};

export function parseSessionKey(key: string): ParsedSessionKey | null {
  let parts = key.split(":");
  if (parts[0]?.toLowerCase() !== "agent" || !parts[1]) return null;
  const out: ParsedSessionKey = {
    agentId: parts[1].toLowerCase(),
    channel: null,
    peerKind: null,
    peerId: null,
    accountId: null,
    threadId: null,
  };
  parts = parts.slice(2);
  const t = parts.lastIndexOf("thread");
  if (t >= 0 && t < parts.length - 1) {
    out.threadId = parts.slice(t + 1).join(":");
    parts = parts.slice(0, t);
  }
  // The peer id may itself contain colons; the kind marker is the first known word after 0–2 parts.
  const k = parts.findIndex((p, i) => i <= 2 && PEER_KINDS[p.toLowerCase()] !== undefined);
  if (k < 0 || k === parts.length - 1) return out;
  out.peerKind = PEER_KINDS[parts[k]!.toLowerCase()]!;
  out.peerId = parts.slice(k + 1).join(":");
  if (k >= 1) out.channel = parts[0]!.toLowerCase();
  if (k === 2) out.accountId = parts[1]!;
  return out;
}

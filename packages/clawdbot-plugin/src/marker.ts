/**
 * Legacy Clawdbot has no model-call hook: the only thing a plugin can add to a turn is text
 * prepended to the prompt (before_agent_start → prependContext). The plugin prepends a marker
 * carrying the session key and a turn id; the relay reads the newest marker of the conversation
 * to attribute each call of that turn, and strips every marker before the model sees it.
 */
import type { CallContext } from "./contract";
import { parseSessionKey } from "@baas/protocol";

const MARKER = /\[\[baas:([A-Za-z0-9_-]+)\]\]\n?/g;

export interface TurnMarker {
  sk: string;
  turn: string;
}

export function encodeMarker(m: TurnMarker): string {
  return `[[baas:${Buffer.from(JSON.stringify(m), "utf8").toString("base64url")}]]\n`;
}

function decode(b64: string): TurnMarker | null {
  try {
    const m = JSON.parse(Buffer.from(b64, "base64url").toString("utf8")) as TurnMarker;
    return typeof m.sk === "string" && typeof m.turn === "string" ? m : null;
  } catch {
    return null;
  }
}

type Message = { role?: string; content?: unknown };

function textsOf(content: unknown): string[] {
  if (typeof content === "string") return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((b: { type?: string; text?: unknown }) => (b?.type === "text" && typeof b.text === "string" ? [b.text] : []));
}

function strip(content: unknown): unknown {
  if (typeof content === "string") return content.replace(MARKER, "");
  if (!Array.isArray(content)) return content;
  return content.map((b: { type?: string; text?: unknown }) =>
    b?.type === "text" && typeof b.text === "string" ? { ...b, text: b.text.replace(MARKER, "") } : b,
  );
}

/**
 * Finds the newest marker, derives the call context and a deterministic call id
 * ("<turn>:model:<n>", n = assistant messages since the marked prompt + 1, so a retried call
 * keeps its id), and returns the request with all markers removed.
 */
export function takeMarker(request: Record<string, unknown>): { context: CallContext; request: Record<string, unknown> } | null {
  const messages = Array.isArray(request.messages) ? (request.messages as Message[]) : [];
  let found: { marker: TurnMarker; index: number } | null = null;
  for (let i = messages.length - 1; i >= 0 && !found; i--) {
    if (messages[i]?.role !== "user") continue;
    for (const text of textsOf(messages[i]?.content)) {
      const all = [...text.matchAll(MARKER)];
      const m = all.length ? decode(all[all.length - 1]![1]!) : null;
      if (m) found = { marker: m, index: i };
    }
  }
  if (!found) return null;
  const parsed = parseSessionKey(found.marker.sk);
  if (!parsed) return null;
  const n = messages.slice(found.index + 1).filter((m) => m.role === "assistant").length + 1;
  const context: CallContext = {
    agentId: parsed.agentId,
    sessionKey: found.marker.sk,
    ...(parsed.channel ? { channel: parsed.channel } : {}),
    ...(parsed.peerKind ? { peerKind: parsed.peerKind } : {}),
    ...(parsed.peerId ? { peerId: parsed.peerId } : {}),
    runId: found.marker.turn,
    callId: `${found.marker.turn}:model:${n}`,
  };
  const cleaned = messages.map((m) => (m.role === "user" ? { ...m, content: strip(m.content) } : m));
  return { context, request: { ...request, messages: cleaned } };
}

import { createHash } from "node:crypto";
import { isRecord, toolSearchText } from "./reply-text";

/** What the fake needs to know about an Anthropic Messages request. */
export interface AnthropicAnalysis {
  totalChars: number;
  /** Characters up to and including the last block marked `cache_control`; null if none. */
  cachedPrefixChars: number | null;
  systemHash: string;
  lastUserText: string;
  /** Where a `[[tool:…]]` marker is looked for (see toolSearchText). */
  toolText: string;
}

/** Images and documents have no text to count; charge a flat, deterministic amount. */
const MEDIA_CHARS = 1_000;

function blockChars(block: unknown): number {
  if (typeof block === "string") return block.length;
  if (!isRecord(block)) return 0;
  switch (block.type) {
    case "text":
      return typeof block.text === "string" ? block.text.length : 0;
    case "thinking":
      return typeof block.thinking === "string" ? block.thinking.length : 0;
    case "tool_use":
      return String(block.name ?? "").length + JSON.stringify(block.input ?? {}).length;
    case "tool_result":
      return contentChars(block.content);
    case "image":
    case "document":
      return MEDIA_CHARS;
    default:
      return JSON.stringify(block).length;
  }
}

function contentChars(content: unknown): number {
  if (typeof content === "string") return content.length;
  if (!Array.isArray(content)) return 0;
  let n = 0;
  for (const b of content) n += blockChars(b);
  return n;
}

const hasCacheControl = (v: unknown): boolean => isRecord(v) && v.cache_control != null;

function systemText(system: unknown): string {
  if (typeof system === "string") return system;
  if (!Array.isArray(system)) return "";
  return system.map((b) => (isRecord(b) && typeof b.text === "string" ? b.text : "")).join("\n");
}

/** Text of the last user turn; falls back to tool_result text after a tool call. */
export function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return "";
  for (let i = messages.length - 1; i >= 0; i--) {
    const m: unknown = messages[i];
    if (!isRecord(m) || m.role !== "user") continue;
    if (typeof m.content === "string") return m.content;
    if (!Array.isArray(m.content)) return "";
    const texts = m.content.filter((b) => isRecord(b) && b.type === "text").map((b) => String(b.text ?? ""));
    if (texts.length > 0) return texts.join("\n");
    const results = m.content.filter((b) => isRecord(b) && b.type === "tool_result");
    return results.map((b) => (isRecord(b) ? stringify(b.content) : "")).join("\n");
  }
  return "";
}

/** Text blocks only: a tool_result is not the person's input. */
function textBlocks(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((b) => (isRecord(b) && b.type === "text" && typeof b.text === "string" ? b.text : "")).join("\n");
}

function stringify(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((b) => (isRecord(b) && typeof b.text === "string" ? b.text : "")).join("\n");
}

/**
 * Walks tools → system → messages in the order Anthropic builds its prompt-cache prefix,
 * counting characters and remembering where the last cache breakpoint sits.
 */
export function analyzeAnthropic(body: Record<string, unknown>): AnthropicAnalysis {
  let total = 0;
  let prefix: number | null = null;
  const visit = (chars: number, marked: boolean) => {
    total += chars;
    if (marked) prefix = total;
  };
  if (Array.isArray(body.tools)) for (const t of body.tools) visit(JSON.stringify(t).length, hasCacheControl(t));
  if (typeof body.system === "string") visit(body.system.length, false);
  else if (Array.isArray(body.system)) for (const b of body.system) visit(blockChars(b), hasCacheControl(b));
  if (Array.isArray(body.messages)) {
    for (const m of body.messages) {
      if (!isRecord(m)) continue;
      if (typeof m.content === "string") visit(m.content.length, false);
      else if (Array.isArray(m.content)) for (const b of m.content) visit(blockChars(b), hasCacheControl(b));
    }
  }
  const sys = systemText(body.system);
  // Hashing only matters when something is cacheable; skip the work on the hot path otherwise.
  const systemHash = prefix === null ? "" : createHash("sha1").update(sys).digest("base64");
  const last = lastUserText(body.messages);
  return { totalChars: total, cachedPrefixChars: prefix, systemHash, lastUserText: last, toolText: toolSearchText(body.messages, last, textBlocks) };
}

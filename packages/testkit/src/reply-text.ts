/** Pieces of deterministic reply logic shared by the Anthropic and OpenAI handlers. */

export const REPLY_PREFIX = "fake-reply: ";
const MAX_ECHO = 200;
const TOOL_MARKER = /\[\[tool:([A-Za-z0-9_.-]+)(?:\s+(\{[^\]]*\}))?\]\]/;

/** Deterministic answer: the caller's last text, echoed (tests can assert on it). */
export function defaultReplyText(lastUserText: string): string {
  return REPLY_PREFIX + lastUserText.slice(0, MAX_ECHO);
}

/** Token estimate the fake uses everywhere: ~4 characters per token, like tokenizers on English. */
export const tokensOf = (chars: number): number => Math.ceil(chars / 4);

export interface ToolCall {
  name: string;
  input: Record<string, unknown>;
}

/**
 * `[[tool:name]]` or `[[tool:name {"json":"input"}]]` in the last user text asks the fake to
 * call that tool, when the request declared tools, so agent tool loops can be exercised.
 */
export function requestedTool(lastUserText: string, hasTools: boolean): ToolCall | undefined {
  if (!hasTools) return undefined;
  const match = TOOL_MARKER.exec(lastUserText);
  if (!match?.[1]) return undefined;
  let input: Record<string, unknown> = {};
  if (match[2]) {
    try {
      const parsed: unknown = JSON.parse(match[2]);
      if (parsed && typeof parsed === "object") input = parsed as Record<string, unknown>;
    } catch {
      // Malformed inline JSON: keep {} rather than failing the request.
    }
  }
  return { name: match[1], input };
}

/**
 * The text the fake searches for a `[[tool:…]]` marker: the last user text first (as before),
 * then the other user messages of the current turn (those after the last assistant message).
 * Agent hosts such as OpenClaw append their own context as a separate, later user message, so
 * the person's marker is not always in the last one. A tool result starts no new turn, so the
 * call after a tool result answers with text and the loop ends.
 */
export function toolSearchText(messages: unknown, lastUserText: string, textOf: (content: unknown) => string): string {
  const texts = [lastUserText];
  if (Array.isArray(messages)) {
    for (let i = messages.length - 1; i >= 0; i--) {
      const m: unknown = messages[i];
      if (!isRecord(m) || m.role === "assistant") break;
      if (m.role === "user") texts.push(textOf(m.content));
    }
  }
  return texts.join("\n");
}

/** Splits into at most `parts` pieces so streams carry several deltas, like real ones. */
export function splitChunks(text: string, parts = 4): string[] {
  if (text.length === 0) return [];
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

let seq = 0;
/** Cheap unique ids (a counter, no randomness per request) with a per-process random stem. */
const stem = Math.random().toString(36).slice(2, 8);
export function nextId(prefix: string): string {
  seq += 1;
  return `${prefix}${stem}${seq.toString(36).padStart(8, "0")}`;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

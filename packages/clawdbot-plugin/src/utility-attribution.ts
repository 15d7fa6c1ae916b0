/**
 * OpenClaw's utility calls (activity recaps) carry no run, session or agent: only the text of the
 * conversation they summarise. The plugin remembers each run's inbound message, and a utility call
 * whose messages quote one of them is attributed to that run's agent, chat and session (the most
 * recent such run). A call that quotes none stays on the instance.
 */

/** A run's inbound message as a recap quotes it: its longest line, start only (recaps truncate). */
export function promptKey(prompt: unknown): string | null {
  if (typeof prompt !== "string") return null;
  const longest = prompt.split("\n").map((l) => l.trim()).reduce((a, b) => (b.length > a.length ? b : a), "");
  return longest.length >= 12 ? longest.slice(0, 60) : null;
}

/** Every string inside the host's call context (system prompt, message texts), joined. */
export function textOf(context: unknown, out: string[] = [], depth = 0): string {
  if (depth > 12 || out.length > 2000) return out.join("\n");
  if (typeof context === "string") {
    out.push(context);
    // A recap sends the transcript as a JSON document: its quoted messages are unescaped too.
    if (/^\s*[[{]/.test(context)) {
      try {
        textOf(JSON.parse(context), out, depth + 1);
      } catch {
        // not JSON after all
      }
    }
  }
  else if (Array.isArray(context)) for (const v of context) textOf(v, out, depth + 1);
  else if (context && typeof context === "object") for (const v of Object.values(context)) textOf(v, out, depth + 1);
  return out.join("\n");
}

/**
 * Server-sent events, the one parser of the project: the gateway reads usage off the upstream's
 * stream with it, the plugin's relay reads the same text for its closer and spool. Built on
 * eventsource-parser (CRLF / CR / LF line ends, multi-line `data:`, comments, a BOM, split chunks).
 */
import { createParser, type EventSourceParser } from "eventsource-parser";

export interface SseEvent {
  /** The `event:` field, if the stream named one (Anthropic does, OpenAI does not). */
  event: string | undefined;
  data: string;
  /** The data as a JSON object; null for `[DONE]`, a non-object or data that is not JSON. */
  json: Record<string, unknown> | null;
  /** OpenAI's end-of-stream sentinel `data: [DONE]`. */
  done: boolean;
}

/** A run of raw stream text that ends exactly where the events it holds end. */
export interface SseBlock {
  raw: string;
  events: SseEvent[];
}

function toEvent(event: string | undefined, data: string): SseEvent {
  if (data === "[DONE]") return { event, data, json: null, done: true };
  let json: Record<string, unknown> | null = null;
  try {
    const v: unknown = JSON.parse(data);
    if (v && typeof v === "object" && !Array.isArray(v)) json = v as Record<string, unknown>;
  } catch {
    // Not JSON: kept as text; the host's own parser sees the raw bytes anyway.
  }
  return { event, data, json, done: false };
}

/** Incremental parser: feed text as it arrives, get each complete event once. */
export class SseParser {
  private readonly parser: EventSourceParser;
  private out: SseEvent[] = [];
  private tail = "";

  constructor() {
    this.parser = createParser({ onEvent: (m) => void this.out.push(toEvent(m.event, m.data)) });
  }

  push(text: string): SseEvent[] {
    this.parser.feed(text);
    const events = this.out;
    this.out = [];
    return events;
  }

  /**
   * Like push, but also says where in the raw text each event ends: for a caller that must cut
   * the stream at event boundaries (drop one event, insert frames before another) without
   * re-serialising anything. Text after the last boundary is kept and returned by a later call.
   */
  pushFramed(text: string): SseBlock[] {
    const blocks: SseBlock[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      this.takeLine(text.slice(start, i + 1), blocks);
      start = i + 1;
    }
    if (start < text.length) this.takeLine(text.slice(start), blocks);
    return blocks;
  }

  /** Raw text pushFramed holds back: the start of an event whose end has not arrived. */
  get pending(): string {
    return this.tail;
  }

  /** The stream ended: an event it did not terminate with a blank line still counts. */
  end(): SseEvent[] {
    // Two line ends close a last line and the event it belongs to; with nothing pending they are
    // blank lines, which dispatch nothing.
    this.parser.feed("\n\n");
    this.parser.reset();
    this.tail = "";
    const events = this.out;
    this.out = [];
    return events;
  }

  private takeLine(line: string, blocks: SseBlock[]): void {
    this.tail += line;
    const events = this.push(line);
    if (events.length === 0) return;
    blocks.push({ raw: this.tail, events });
    this.tail = "";
  }
}

/** An Anthropic-style frame: named event plus JSON data. */
export function namedFrame(event: { type: string }): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** An OpenAI-style frame: JSON data only. */
export function dataFrame(chunk: unknown): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

export const SSE_DONE = "data: [DONE]\n\n";

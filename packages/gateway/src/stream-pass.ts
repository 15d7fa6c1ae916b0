/**
 * One upstream stream on its way to the caller: the upstream's text is forwarded as it arrives,
 * and the same text is fed to the protocol's SSE parser on the side for usage, model and errors.
 * Nothing is re-serialised. Only when the gateway must change the stream (drop OpenAI's usage
 * chunk the caller did not ask for, a plan's branding line) is the text cut at event boundaries:
 * then each read forwards the events it completes and holds the start of the next one back.
 */
import { SseParser, usageCollector, type SseEvent, type StreamedUsage, type TokenUsage, type UsageCollector } from "@baas/protocol";
import type { Provider } from "./types";

export interface StreamEdits {
  /** Drop OpenAI's usage-only chunk (`choices: []` plus `usage`): the gateway asked for it, not the caller. */
  dropUsageOnly: boolean;
  /** Frames to insert before an event (plan branding), or null. */
  before: ((e: Record<string, unknown>) => string) | null;
}

const isUsageOnly = (e: Record<string, unknown>): boolean => Array.isArray(e.choices) && e.choices.length === 0 && !!e.usage;

export class StreamPass {
  private readonly parser = new SseParser();
  private readonly collector: UsageCollector;
  private readonly edits: StreamEdits | null;

  constructor(provider: Provider, edits: StreamEdits) {
    this.collector = usageCollector(provider);
    this.edits = edits.dropUsageOnly || edits.before ? edits : null;
  }

  get usage(): StreamedUsage {
    return this.collector.usage;
  }

  /** The call's token counts so far (a plain object: it is spread into the usage row). */
  tokens(): TokenUsage {
    const { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens } = this.collector.usage;
    return { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens };
  }

  /** The text to forward for one upstream read ("" when it completes nothing yet). */
  push(text: string): string {
    if (!this.edits) {
      for (const ev of this.parser.push(text)) this.see(ev);
      return text;
    }
    let out = "";
    for (const block of this.parser.pushFramed(text)) {
      for (const ev of block.events) this.see(ev);
      // One line ends at most one event, so a block is one event's text.
      const json = block.events[0]?.json;
      if (json && this.edits.dropUsageOnly && isUsageOnly(json)) continue;
      if (json && this.edits.before) out += this.edits.before(json);
      out += block.raw;
    }
    return out;
  }

  /** The upstream ended: what is still held back, unchanged (an event it never terminated). */
  end(): string {
    const rest = this.edits ? this.parser.pending : "";
    for (const ev of this.parser.end()) this.see(ev);
    return rest;
  }

  private see(ev: SseEvent): void {
    if (ev.json) this.collector.onEvent(ev.json);
  }
}

import type { ServerResponse } from "node:http";
import type { Fault, RecordedRequest, ReplyFn, Windows } from "./llm-types";

interface QueuedFault {
  fault: Fault;
  left: number;
}

/** Bound on the simulated prompt-cache keys, so a long benchmark cannot grow memory forever. */
const MAX_CACHE_KEYS = 50_000;

/** Mutable state of one fake LLM server; everything is keyed by credential (= one account). */
export class LlmState {
  readonly requests: RecordedRequest[] = [];
  readonly counts = new Map<string, number>();
  readonly faults = new Map<string, Fault>();
  readonly queued = new Map<string, QueuedFault[]>();
  readonly windows = new Map<string, Windows>();
  /** (credential, prompt-prefix hash) pairs already written to the simulated prompt cache. */
  readonly promptCache = new Set<string>();
  /** Responses held open by `hang` faults, released on reset/close. */
  readonly hanging = new Set<ServerResponse>();
  reply: ReplyFn | null = null;

  constructor(private readonly maxRecorded: number) {}

  record(entry: RecordedRequest): void {
    // shift() on a V8 array is cheap (left-trim), so the cap costs nothing measurable per request.
    if (this.requests.length >= this.maxRecorded) this.requests.shift();
    this.requests.push(entry);
    this.counts.set(entry.credential, (this.counts.get(entry.credential) ?? 0) + 1);
  }

  clearRequests(): void {
    this.requests.length = 0;
    this.counts.clear();
  }

  queueFault(credential: string, fault: Fault, times: number): void {
    if (times <= 0) return;
    const list = this.queued.get(credential) ?? [];
    list.push({ fault, left: times });
    this.queued.set(credential, list);
  }

  /** Queued faults win over the persistent one; each queued use is consumed. */
  takeFault(credential: string): Fault | undefined {
    const list = this.queued.get(credential);
    const head = list?.[0];
    if (list && head) {
      head.left -= 1;
      if (head.left <= 0) list.shift();
      if (list.length === 0) this.queued.delete(credential);
      return head.fault;
    }
    return this.faults.get(credential);
  }

  /** True the first time a cache key is seen (cache write), false afterwards (cache read). */
  writeCache(key: string): boolean {
    if (this.promptCache.has(key)) return false;
    if (this.promptCache.size >= MAX_CACHE_KEYS) this.promptCache.clear();
    this.promptCache.add(key);
    return true;
  }

  releaseHanging(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  reset(): void {
    this.clearRequests();
    this.faults.clear();
    this.queued.clear();
    this.windows.clear();
    this.promptCache.clear();
    this.reply = null;
    this.releaseHanging();
  }
}

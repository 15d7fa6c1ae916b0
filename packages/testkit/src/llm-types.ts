import type { IncomingHttpHeaders } from "node:http";

export type FaultStatus = 401 | 403 | 429 | 500 | 502 | 503 | 529;

export interface Fault {
  status: FaultStatus;
  /** Sent as `retry-after` (seconds). */
  retryAfterSec?: number;
  /** Sent as the providers' rate-limit reset headers. */
  resetAt?: Date;
  /** Answer 200 and start the stream, then fail it (SSE `error` event / broken connection). */
  afterFirstByte?: boolean;
  /** Never answer: for timeout tests. The socket is released by `close()`/`reset()`. */
  hang?: boolean;
}

/** Claude Max subscription windows, utilisation as a fraction 0..1 (1 = exhausted). */
export interface Windows {
  fiveHour?: number;
  sevenDay?: number;
  fiveHourResetAt?: Date;
  sevenDayResetAt?: Date;
}

export type Provider = "anthropic" | "openai";

export interface RecordedRequest {
  path: string;
  provider: Provider;
  /** `x-api-key` or the bearer token; "" when the request carried none. */
  credential: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined for GET or a body that was not JSON). */
  body: unknown;
  /** Date.now() when the request was received. */
  at: number;
  /** Every byte of a streamed answer's body, in the order the fake wrote them (grows while it streams). */
  sent?: Buffer;
}

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface ReplyContext {
  provider: Provider;
  path: string;
  credential: string;
  body: Record<string, unknown>;
  lastUserText: string;
  /** What the fake would answer without an override. */
  defaultText: string;
  defaultUsage: Usage;
}

/** Per-test override; fields left out keep their default. */
export interface ReplyOverride {
  text?: string;
  usage?: Partial<Usage>;
  /** Anthropic stop_reason (e.g. "max_tokens"); mapped to an OpenAI finish_reason. */
  stopReason?: string;
  /** How many deltas the text streams in (default 4): a long stream to cut in the middle. */
  deltas?: number;
}

export type ReplyFn = (ctx: ReplyContext) => ReplyOverride | undefined | void;

export interface FakeLlmOptions {
  port?: number;
  /** Loopback only; default 127.0.0.1. */
  host?: string;
  /** Delay before response headers of every request. */
  latencyMs?: number;
  /** Delay between streamed chunks (0 = the whole stream in one write). */
  chunkDelayMs?: number;
  /**
   * With chunkDelayMs: stream in writes of this many bytes instead of one write per event, so
   * events and multi-byte characters are split across network reads.
   */
  sliceBytes?: number;
  /** How many requests `requests` keeps (oldest dropped); default 10,000. */
  maxRecorded?: number;
}

export interface FakeLlm {
  url: string;
  port: number;
  host: string;
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  countFor(credential: string): number;
  setFault(credential: string, fault: Fault | null): void;
  queueFaults(credential: string, fault: Fault, times: number): void;
  setWindows(credential: string, windows: Windows | null): void;
  setReply(fn: ReplyFn | null): void;
  /** Clears faults, windows, recorded requests, reply override and the simulated prompt cache. */
  reset(): void;
  close(): Promise<void>;
}

import type { ServerResponse } from "node:http";
import { sleep } from "./http-util";

export interface StreamOptions {
  chunkDelayMs: number;
  headers: Record<string, string>;
  /** Send only the first `afterEvents` events, then `errorTail`, then end (afterFirstByte fault). */
  fail?: { afterEvents: number; errorTail: string };
}

/**
 * Writes an SSE stream. Without a chunk delay the whole stream goes out in one write, which
 * keeps the fake cheap enough for load tests; with a delay each event is its own write.
 */
export async function writeSse(res: ServerResponse, events: string[], opts: StreamOptions): Promise<void> {
  res.writeHead(200, {
    ...opts.headers,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
  });
  const body = opts.fail ? [...events.slice(0, opts.fail.afterEvents), opts.fail.errorTail] : events;
  if (opts.chunkDelayMs <= 0) {
    res.end(body.join(""));
    return;
  }
  for (const event of body) {
    if (res.destroyed) return; // client went away (abort/timeout test); stop quietly
    res.write(event);
    await sleep(opts.chunkDelayMs);
  }
  res.end();
}

/** afterFirstByte on a non-streaming request: status and half a body, then a dropped socket. */
export function writeBrokenJson(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(200, { ...headers, "content-type": "application/json" });
  res.write('{"id":"partial","type":"mess');
  setImmediate(() => res.destroy());
}

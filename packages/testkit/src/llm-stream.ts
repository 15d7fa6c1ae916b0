import type { ServerResponse } from "node:http";
import { sleep } from "./http-util";

export interface StreamOptions {
  chunkDelayMs: number;
  headers: Record<string, string>;
  /** Send only the first `afterEvents` events, then `errorTail`, then end (afterFirstByte fault). */
  fail?: { afterEvents: number; errorTail: string };
  /** With a chunk delay: writes of this many bytes, cutting events and UTF-8 characters anywhere. */
  sliceBytes?: number;
  /** Told every byte as it is written: tests compare them with what reached the host. */
  onWrite?: (bytes: Buffer) => void;
}

/** The stream as the writes that go out: whole events, or fixed-size slices of its bytes. */
function writesOf(body: string[], sliceBytes: number | undefined): Buffer[] {
  if (!sliceBytes || sliceBytes <= 0) return body.map((e) => Buffer.from(e, "utf8"));
  const all = Buffer.from(body.join(""), "utf8");
  const out: Buffer[] = [];
  for (let i = 0; i < all.length; i += sliceBytes) out.push(all.subarray(i, i + sliceBytes));
  return out;
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
    const all = body.join("");
    opts.onWrite?.(Buffer.from(all, "utf8"));
    res.end(all);
    return;
  }
  for (const bytes of writesOf(body, opts.sliceBytes)) {
    if (res.destroyed) return; // client went away (abort/timeout test); stop quietly
    opts.onWrite?.(bytes);
    res.write(bytes);
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

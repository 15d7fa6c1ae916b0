/**
 * Durable usage spool for fail-open calls: one JSON line per call, fsynced before the call is
 * considered done, replayed to gateway.reportUsage with the callId as eventId. The gateway is
 * idempotent by eventId, so a replay interrupted after sending but before the file was trimmed
 * counts as a duplicate, never twice.
 */
import { mkdir, open, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { UsageReportEvent } from "./contract";

export interface SpooledEvent extends Omit<UsageReportEvent, "occurredAt"> {
  occurredAt: string;
}

type Sender = (events: UsageReportEvent[]) => Promise<{ accepted: number; duplicates: number }>;

const BATCH = 500;

export class UsageSpool {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  /** Appends one event and fsyncs, so a crash right after a call loses nothing. */
  append(event: UsageReportEvent): Promise<void> {
    const line = JSON.stringify({ ...event, occurredAt: event.occurredAt.toISOString(), source: "SPOOLED" }) + "\n";
    return this.serial(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      const fh = await open(this.file, "a");
      try {
        await fh.appendFile(line, "utf8");
        await fh.sync();
      } finally {
        await fh.close();
      }
    });
  }

  /** Events waiting to be replayed; a torn last line (crash mid-write) is ignored. */
  async pending(): Promise<SpooledEvent[]> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
    const out: SpooledEvent[] = [];
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as SpooledEvent);
      } catch {
        // torn write: skipped
      }
    }
    return out;
  }

  /**
   * Sends everything pending in batches; each batch is removed from the file only after the
   * control plane confirmed it. Returns how many the gateway accepted and how many it knew.
   */
  replay(send: Sender): Promise<{ sent: number; accepted: number; duplicates: number }> {
    return this.serial(async () => {
      const all = await this.pending();
      let accepted = 0;
      let duplicates = 0;
      let done = 0;
      try {
        while (done < all.length) {
          const batch = all.slice(done, done + BATCH);
          const r = await send(batch.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })));
          accepted += r.accepted;
          duplicates += r.duplicates;
          done += batch.length;
        }
      } finally {
        if (done > 0) await this.rewrite(all.slice(done));
      }
      return { sent: done, accepted, duplicates };
    });
  }

  private async rewrite(rest: SpooledEvent[]): Promise<void> {
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, rest.map((e) => JSON.stringify(e) + "\n").join(""), "utf8");
    await rename(tmp, this.file);
  }

  // One writer at a time inside this process: appends never interleave with a rewrite.
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }
}

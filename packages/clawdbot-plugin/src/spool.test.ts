import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { UsageReportEvent } from "./contract";
import { UsageSpool } from "./spool";

const event = (id: string): UsageReportEvent => ({
  eventId: id, kind: "LLM", occurredAt: new Date("2026-11-21T10:00:00Z"), context: { agentId: "lobo", callId: id },
  provider: "anthropic", model: "claude-sonnet-4-5", inputTokens: 10, outputTokens: 5,
});

/** The gateway's contract in miniature: idempotent by eventId. */
function fakeGateway() {
  const seen = new Map<string, UsageReportEvent>();
  let down = false;
  return {
    seen,
    setDown: (v: boolean) => (down = v),
    send: async (events: UsageReportEvent[]) => {
      if (down) throw new Error("fetch failed");
      let accepted = 0;
      for (const e of events) if (!seen.has(e.eventId)) { seen.set(e.eventId, e); accepted++; }
      return { accepted, duplicates: events.length - accepted };
    },
  };
}

const fresh = () => new UsageSpool(join(mkdtempSync(join(tmpdir(), "baas-spool-")), "sub", "spool.jsonl"));

describe("usage spool", () => {
  it("survives a restart: a new spool on the same file sees what the old one wrote", async () => {
    const a = fresh();
    await a.append(event("run1:model:1"));
    await a.append(event("run1:model:2"));
    const b = new UsageSpool(a.file);
    const pending = await b.pending();
    expect(pending.map((e) => e.eventId)).toEqual(["run1:model:1", "run1:model:2"]);
    expect(pending[0]).toMatchObject({ source: "SPOOLED", occurredAt: "2026-11-21T10:00:00.000Z" });
  });

  it("replays everything exactly once, and keeps events while the control plane is down", async () => {
    const spool = fresh();
    const gw = fakeGateway();
    await spool.append(event("a"));
    gw.setDown(true);
    await expect(spool.replay(gw.send)).rejects.toThrow("fetch failed");
    expect(await spool.pending()).toHaveLength(1);
    gw.setDown(false);
    expect(await spool.replay(gw.send)).toEqual({ sent: 1, accepted: 1, duplicates: 0 });
    expect(await spool.replay(gw.send)).toEqual({ sent: 0, accepted: 0, duplicates: 0 });
    expect(gw.seen.get("a")?.occurredAt).toBeInstanceOf(Date);
    expect(gw.seen.size).toBe(1);
  });

  it("a replay cut short after sending (crash before trimming) is counted as a duplicate, not twice", async () => {
    const spool = fresh();
    const gw = fakeGateway();
    await spool.append(event("x"));
    await gw.send((await spool.pending()).map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) }))); // sent, file not trimmed
    expect(await spool.replay(gw.send)).toEqual({ sent: 1, accepted: 0, duplicates: 1 });
    expect(gw.seen.size).toBe(1);
  });

  it("ignores a torn last line from a crash mid-write and keeps appending after it", async () => {
    const spool = fresh();
    await spool.append(event("ok-1"));
    appendFileSync(spool.file, '{"eventId":"torn","kind":"LL');
    const pending = await spool.pending();
    expect(pending.map((e) => e.eventId)).toEqual(["ok-1"]);
    const gw = fakeGateway();
    await spool.replay(gw.send);
    expect([...gw.seen.keys()]).toEqual(["ok-1"]);
    expect(readFileSync(spool.file, "utf8")).toBe("");
  });

  it("appends made during a replay are not lost", async () => {
    const spool = fresh();
    const gw = fakeGateway();
    await spool.append(event("first"));
    const replay = spool.replay(gw.send);
    const late = spool.append(event("late"));
    await Promise.all([replay, late]);
    expect((await spool.pending()).map((e) => e.eventId)).toEqual(["late"]);
  });
});

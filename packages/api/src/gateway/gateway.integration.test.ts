import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ask, errorOf, eventReader, startHarness, type Harness } from "./gateway.harness";

let h: Harness;
const ctx = (extra: Record<string, unknown> = {}) => ({
  agentId: "lobo",
  sessionKey: "agent:lobo:whatsapp:group:120363999@g.us",
  runId: "run-1",
  callId: `call-${randomUUID()}`,
  ...extra,
});

beforeAll(async () => {
  h = await startHarness({ chunkDelayMs: 20 });
});
afterAll(() => h.close());
beforeEach(() => h.fake.reset());

describe("gateway.complete and gateway.stream", () => {
  it("answers in the provider's own shape and records one attributed, priced event", async () => {
    const c = ctx();
    const out = await h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("olá"), context: c });
    expect((out.response as { type: string }).type).toBe("message");
    expect(out.usage.account).toBe(`${h.fx.accountPrefix}Max #1`);
    expect(out.usage.currency).toBe("BRL");
    expect(out.usage.costUsd).toBeGreaterThan(0);
    const ev = await h.db.usageEvent.findFirstOrThrow({ where: { idempotencyKey: c.callId }, include: { agent: true, channel: true } });
    expect(ev).toMatchObject({ tenantId: h.fx.tenant.id, instanceId: h.fx.instance.id, model: "claude-sonnet-4-5", status: "OK" });
    expect(ev.agent?.externalId).toBe("lobo");
    expect(ev.channel).toMatchObject({ provider: "whatsapp", peerKind: "GROUP", externalId: "120363999@g.us" });
    // Served by a Max subscription: list cost recorded, no cash spent.
    expect(Number(ev.costListUsdMicros)).toBeGreaterThan(0);
    expect(Number(ev.costCashUsdMicros)).toBe(0);
    expect(Number(ev.costTenantMicros)).toBe(Number(ev.costListUsdMicros) * 5);
    const daily = await h.db.usageDaily.findMany({ where: { tenantId: h.fx.tenant.id, model: "claude-sonnet-4-5" } });
    expect(daily.reduce((s, d) => s + d.calls, 0)).toBeGreaterThanOrEqual(1);
    // The upstream saw the Max OAuth bearer token and beta header, never the instance key.
    const req = h.fake.requests.at(-1)!;
    expect(req.credential).toBe(h.fx.accounts.max1.credential);
    expect(String(req.headers["anthropic-beta"])).toContain("oauth-2025-04-20");
  });

  it("streams events incrementally, in order, then one usage summary", async () => {
    const c = ctx();
    const iter = await h.client.gateway.stream.mutate({ provider: "anthropic", request: ask("conte uma história"), context: c });
    const types: string[] = [];
    let recordedWhenFirstArrived: boolean | null = null;
    let usage: { usageEventId: string; outputTokens: number } | null = null;
    const read = eventReader();
    for await (const chunk of iter) {
      if (chunk.type === "sse") {
        // The first event reaches us while the call is still running (its usage is not stored yet):
        // chunks are flushed as they are produced, not buffered until the end.
        if (recordedWhenFirstArrived === null)
          recordedWhenFirstArrived = (await h.db.usageEvent.count({ where: { idempotencyKey: c.callId } })) > 0;
        types.push(...read(chunk).map((e) => String(e.type)));
      } else usage = chunk.usage;
    }
    expect(recordedWhenFirstArrived).toBe(false);
    expect(types[0]).toBe("message_start");
    expect(types.at(-1)).toBe("message_stop");
    expect(usage?.outputTokens).toBeGreaterThan(0);
    const ev = await h.db.usageEvent.findFirstOrThrow({ where: { idempotencyKey: c.callId } });
    expect(ev.streaming).toBe(true);
    expect(ev.id).toBe(usage?.usageEventId);
  });

  it("proxies OpenAI chat completions to the OpenAI account", async () => {
    const out = await h.client.gateway.complete.mutate({
      provider: "openai",
      request: { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] },
      context: ctx({ agentId: "aguia", sessionKey: undefined, channel: "telegram", peerKind: "dm", peerId: "5511" }),
    });
    expect((out.response as { object: string }).object).toBe("chat.completion");
    expect(out.usage.account).toBe(`${h.fx.accountPrefix}OpenAI key`);
    const ev = await h.db.usageEvent.findFirstOrThrow({ where: { id: out.usage.usageEventId }, include: { channel: true } });
    expect(ev.channel).toMatchObject({ provider: "telegram", peerKind: "DM", externalId: "5511" });
    expect(Number(ev.costCashUsdMicros)).toBe(Number(ev.costListUsdMicros));
  });
});

describe("clear errors, nothing recorded", () => {
  it("rejects an unknown instance key with UNAUTHORIZED", async () => {
    const e = await errorOf(h.clientFor(h.server.trpcUrl, "baas_inst_nope").gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx() }));
    expect(e.data.code).toBe("UNAUTHORIZED");
  });

  it("rejects a malformed request with BAD_REQUEST naming the field, without calling upstream", async () => {
    const before = await h.db.usageEvent.count({ where: { tenantId: h.fx.tenant.id } });
    const { max_tokens: _, ...noMax } = ask("x");
    const e = await errorOf(h.client.gateway.complete.mutate({ provider: "anthropic", request: noMax as never, context: ctx() }));
    expect(e.data.code).toBe("BAD_REQUEST");
    expect(e.message).toContain("request.max_tokens");
    const e2 = await errorOf(h.client.gateway.stream.mutate({ provider: "anthropic", request: ask("x"), context: { sessionKey: "s" } as never }));
    expect(e2.message).toContain("context.agentId");
    expect(h.fake.requests.length).toBe(0);
    expect(await h.db.usageEvent.count({ where: { tenantId: h.fx.tenant.id } })).toBe(before);
  });

  it("refuses an agent id the host config could not hold, and creates no agent for it", async () => {
    const agents = () => h.db.agent.count({ where: { tenantId: h.fx.tenant.id } });
    const before = await agents();
    for (const agentId of ["x".repeat(65), "Lobo Mau", "../lobo", "lobo\u0000", "-lobo", "", "ação"]) {
      const e = await errorOf(h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx({ agentId }) }));
      expect({ agentId, code: e.data.code }).toEqual({ agentId, code: "BAD_REQUEST" });
      expect(e.message).toContain("context.agentId");
    }
    expect(await agents()).toBe(before);
    expect(h.fake.requests.length).toBe(0);
    // The host's own spelling of a valid id is taken and folded to the config's.
    await h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx({ agentId: " Lobo " }) });
    expect(await agents()).toBe(before);
  });

  it("records a host task no agent caused (the plugin's _instance) against the instance, with no agent row", async () => {
    const agents = () => h.db.agent.count({ where: { tenantId: h.fx.tenant.id } });
    const before = await agents();
    const callId = `recap-${randomUUID()}`;
    await h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("recap"), context: { agentId: "_instance", callId } });
    const row = await h.db.usageEvent.findFirstOrThrow({ where: { tenantId: h.fx.tenant.id, idempotencyKey: callId } });
    expect(row).toMatchObject({ agentId: null, channelId: null, instanceId: h.fx.instance.id });
    expect(row.costListUsdMicros).toBeGreaterThan(0n);
    expect(await agents()).toBe(before);
    // Only that exact spelling: anything like it is an agent id the config cannot hold.
    for (const agentId of ["_Instance ", "__instance", "_other"]) {
      const e = await errorOf(h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("x"), context: ctx({ agentId }) }));
      expect(e.data.code).toBe("BAD_REQUEST");
    }
  });
});

describe("exactly-once usage", () => {
  it("counts a call once when its callId is retried and when the plugin replays it from its spool", async () => {
    const c = ctx();
    const upstream = h.fake.requests.length;
    await h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("retry me"), context: c });
    // A recorded call id never reaches the upstream again: it would be an upstream call uncharged.
    const b = await errorOf(h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("retry me"), context: c }));
    expect(b.data.code).toBe("CONFLICT");
    expect(b.data.details).toMatchObject({ reason: "duplicate_call" });
    expect(h.fake.requests.length).toBe(upstream + 1);
    const replay = await h.client.gateway.reportUsage.mutate({
      events: [
        { eventId: c.callId, kind: "LLM", occurredAt: new Date(), context: c, provider: "anthropic", model: "claude-sonnet-4-5", inputTokens: 10, outputTokens: 10, source: "SPOOLED" },
        { eventId: `stt-${randomUUID()}`, kind: "STT", occurredAt: new Date(), context: c, provider: "openai", model: "whisper-1", units: 30 },
      ],
    });
    expect(replay).toEqual({ accepted: 1, duplicates: 1 });
    const again = await h.client.gateway.reportUsage.mutate({
      events: [{ eventId: c.callId, kind: "LLM", occurredAt: new Date(), context: c, provider: "anthropic", model: "claude-sonnet-4-5" }],
    });
    expect(again).toEqual({ accepted: 0, duplicates: 1 });
    expect(await h.db.usageEvent.count({ where: { idempotencyKey: c.callId } })).toBe(1);
  });
});

describe("reported usage at the edge", () => {
  const event = (extra: Record<string, unknown>) => ({
    eventId: `rep-${randomUUID()}`, kind: "LLM" as const, occurredAt: new Date(), context: ctx(), provider: "anthropic" as const,
    model: "claude-sonnet-4-5", inputTokens: 10, outputTokens: 10, ...extra,
  });

  it("refuses a batch dated out of range or naming an unknown model, and writes none of it", async () => {
    const rows = () => h.db.usageEvent.count({ where: { tenantId: h.fx.tenant.id } });
    const before = await rows();
    const cases: [Record<string, unknown>, string][] = [
      [{ occurredAt: new Date("1970-01-01T00:00:00Z") }, "events.1.occurredAt"],
      [{ occurredAt: new Date("9999-12-31T00:00:00Z") }, "events.1.occurredAt"],
      [{ occurredAt: new Date(Date.now() - 40 * 86_400_000) }, "events.1.occurredAt"],
      [{ model: "claude-imaginary-9" }, "events.1.model"],
      [{ inputTokens: 3_000_000_000 }, "events.1.inputTokens"],
      [{ kind: "STT", provider: "openai", model: "whisper-1", units: 1e15 }, "events.1.units"],
      [{ provider: "openai", model: "claude-sonnet-4-5" }, "events.1.model"],
    ];
    for (const [bad, field] of cases) {
      const e = await errorOf(h.client.gateway.reportUsage.mutate({ events: [event({}), event(bad)] }));
      expect({ bad, code: e.data?.code }).toEqual({ bad, code: "BAD_REQUEST" });
      expect(e.message).toContain(field);
    }
    expect(await rows()).toBe(before);
    // The same batch, in range and known, is taken: the refusals above are not vacuous.
    expect(await h.client.gateway.reportUsage.mutate({ events: [event({}), event({ occurredAt: new Date(Date.now() - 86_400_000) })] })).toEqual({ accepted: 2, duplicates: 0 });
    expect(await rows()).toBe(before + 2);
  });
});

/**
 * The ledger as an independent tester tries it: real PostgreSQL and Redis, the fake upstream, many
 * concurrent callers, and the result counted where it lives (usage rows, requests the fake saw).
 * Each case runs with one gateway process and with two sharing PostgreSQL and Redis.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, errorOf, honours, startHarness, type GatewayProcess, type Harness } from "./gateway.harness";

type Client = GatewayProcess["client"];
const ctx = (agentId: string, callId = `call-${randomUUID()}`) => ({ agentId, sessionKey: `agent:${agentId}:whatsapp:group:${randomUUID()}@g.us`, callId });


async function agentBudget(h: Harness, limits: { money?: number; tokens?: number; messages?: number }) {
  const externalId = `ag-${randomUUID().slice(0, 8)}`;
  const agent = await h.db.agent.create({ data: { tenantId: h.fx.tenant.id, externalId, name: externalId } });
  await h.db.budget.create({
    data: {
      tenantId: h.fx.tenant.id, scope: "AGENT", agentId: agent.id, name: externalId, period: "DAILY", currency: "USD", action: "BLOCK",
      limitMoneyMicros: limits.money === undefined ? null : BigInt(limits.money), limitTokens: limits.tokens ?? null, limitMessages: limits.messages ?? null,
    },
  });
  return { externalId, agentId: agent.id };
}

async function spent(h: Harness, agentId: string) {
  const rows = await h.db.usageEvent.findMany({ where: { agentId }, select: { costListUsdMicros: true, inputTokens: true, outputTokens: true, cacheReadTokens: true, cacheWriteTokens: true } });
  return {
    rows: rows.length,
    money: rows.reduce((s, r) => s + Number(r.costListUsdMicros), 0),
    tokens: rows.reduce((s, r) => s + r.inputTokens + r.outputTokens + r.cacheReadTokens + r.cacheWriteTokens, 0),
  };
}

/** `callers` callers, each calling until refused; returns the errors that were not a budget refusal. */
async function drain(clients: Client[], agent: string, callers: number, mode: "complete" | "stream", maxTokens: number): Promise<unknown[]> {
  const unexpected: unknown[] = [];
  const one = async (c: Client) => {
    const input = { provider: "anthropic" as const, request: ask("budget", { max_tokens: maxTokens }), context: ctx(agent) };
    if (mode === "complete") return c.gateway.complete.mutate(input);
    for await (const chunk of await c.gateway.stream.mutate(input)) void chunk;
  };
  await Promise.all(
    Array.from({ length: callers }, async (_, i) => {
      for (;;) {
        try {
          await one(clients[i % clients.length]!);
        } catch (e) {
          const code = (e as { data?: { code?: string } }).data?.code;
          if (code !== "PAYMENT_REQUIRED") unexpected.push(e);
          return;
        }
      }
    }),
  );
  return unexpected;
}

for (const processes of [1, 2]) {
  describe(`the whole budget, never more (${processes} gateway process${processes > 1 ? "es" : ""})`, () => {
    let h: Harness;
    let clients: Client[];
    beforeAll(async () => {
      h = await startHarness();
      h.fake.setReply(honours);
      clients = [h.client];
      // The second gateway is an OS process of its own (same lease settings as the harness's).
      if (processes > 1) clients.push((await h.spawnProcess({ leaseMs: 2_000 })).client);
    });
    afterAll(() => h.close());

    // Sonnet at 90 of 400 output tokens: ~5,400 µ$ a call; the budget fits about a hundred.
    for (const mode of ["complete", "stream"] as const) {
      it(`200 concurrent ${mode} callers on a money budget for ~100 calls: 0 overspend, >= 98 % used`, async () => {
        const limit = 550_000;
        const { externalId, agentId } = await agentBudget(h, { money: limit });
        expect(await drain(clients, externalId, 200, mode, 400)).toEqual([]);
        const s = await spent(h, agentId);
        console.info(`[ledger] ${mode}, ${processes} process(es): ${((s.money / limit) * 100).toFixed(2)} % of the money budget used, ${s.rows} calls`);
        expect(s.money).toBeLessThanOrEqual(limit);
        expect(s.money).toBeGreaterThanOrEqual(limit * 0.98);
      });
    }

    it("200 concurrent callers on a token budget: 0 overspend, >= 98 % used", async () => {
      const limit = 40_000;
      const { externalId, agentId } = await agentBudget(h, { tokens: limit });
      expect(await drain(clients, externalId, 200, "complete", 400)).toEqual([]);
      const s = await spent(h, agentId);
      console.info(`[ledger] tokens, ${processes} process(es): ${((s.tokens / limit) * 100).toFixed(2)} % of the token budget used`);
      expect(s.tokens).toBeLessThanOrEqual(limit);
      expect(s.tokens).toBeGreaterThanOrEqual(limit * 0.98);
    });

    it("200 concurrent callers on a budget of 100 messages: exactly 100 rows", async () => {
      const { externalId, agentId } = await agentBudget(h, { messages: 100 });
      expect(await drain(clients, externalId, 200, "stream", 50)).toEqual([]);
      expect((await spent(h, agentId)).rows).toBe(100);
    });

    it("one callId sent 50 times in sequence and 50 times at once reaches the upstream once each, and is charged once", async () => {
      const { externalId, agentId } = await agentBudget(h, { money: 60_000 });
      const seen = () => h.fake.requests.filter((r) => JSON.stringify(r.body).includes(marker)).length;
      const marker = `replay-${randomUUID()}`;
      const c = ctx(externalId);
      const results = [];
      for (let i = 0; i < 50; i++) {
        results.push(await clients[i % clients.length]!.gateway.complete.mutate({ provider: "anthropic", request: ask(marker, { max_tokens: 400 }), context: c }).then(() => "ok", (e) => (e as { data: { code: string } }).data.code));
      }
      expect(results.filter((r) => r === "ok")).toHaveLength(1);
      expect(results.filter((r) => r === "CONFLICT")).toHaveLength(49);
      const c2 = ctx(externalId);
      const burst = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => clients[i % clients.length]!.gateway.complete.mutate({ provider: "anthropic", request: ask(marker, { max_tokens: 400 }), context: c2 })),
      );
      expect(burst.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(seen()).toBe(2);
      const s = await spent(h, agentId);
      expect(s.rows).toBe(2);
    });
  });
}

describe("holds are true upper bounds", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("a call whose upstream ignores max_tokens is recorded at its real cost, marked over its hold, and raised to the operator", async () => {
    const { externalId, agentId } = await agentBudget(h, { money: 10_000_000 });
    h.fake.setReply(() => ({ usage: { output_tokens: 3_000 } }));
    const out = await h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("say a lot", { max_tokens: 1 }), context: ctx(externalId) });
    expect(out.usage.outputTokens).toBe(3_000);
    const ev = await h.db.usageEvent.findUniqueOrThrow({ where: { id: out.usage.usageEventId } });
    expect(ev.agentId).toBe(agentId);
    // 2,999 tokens beyond max_tokens at $15/M, less the (byte-bounded) input held above its real count.
    expect(Number(ev.overHoldUsdMicros)).toBeGreaterThan(2_900 * 15);
    const alerts = await h.db.alert.findMany({ where: { tenantId: h.fx.tenant.id, kind: "HOLD_EXCEEDED" } });
    expect(alerts).toHaveLength(1);
  });

  it("an honest call is never marked, for non-ASCII prompts too (input is bounded by bytes, not guessed)", async () => {
    const { externalId } = await agentBudget(h, { money: 10_000_000 });
    // Every character its own token: a chars/3 guess would hold a third of the input.
    const text = "語".repeat(600);
    h.fake.setReply(({ body }) => ({ usage: { input_tokens: 600, output_tokens: Number(body.max_tokens) } }));
    const out = await h.client.gateway.complete.mutate({ provider: "anthropic", request: ask(text, { max_tokens: 50 }), context: ctx(externalId) });
    const ev = await h.db.usageEvent.findUniqueOrThrow({ where: { id: out.usage.usageEventId } });
    expect(ev.inputTokens).toBe(600);
    expect(Number(ev.overHoldUsdMicros)).toBe(0);
  });

  it("an OpenAI call without max_tokens holds the model's whole output, so a small budget refuses it instead of overspending", async () => {
    const { externalId } = await agentBudget(h, { money: 5_000 });
    h.fake.setReply(null);
    // gpt-4o-mini writes up to 16,384 tokens at $0.6/M: ~9,830 µ$ held, more than the budget.
    const e = await errorOf(h.client.gateway.complete.mutate({ provider: "openai", request: { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }, context: ctx(externalId) }));
    expect(e.data.code).toBe("PAYMENT_REQUIRED");
    const ok = await h.client.gateway.complete.mutate({ provider: "openai", request: { model: "gpt-4o-mini", max_tokens: 100, messages: [{ role: "user", content: "hi" }] }, context: ctx(externalId) });
    expect(ok.usage.costUsd).toBeGreaterThan(0);
  });
});

describe("usage ids belong to their tenant", () => {
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    [a, b] = await Promise.all([startHarness(), startHarness()]);
  });
  afterAll(() => Promise.all([a.close(), b.close()]));

  it("tenant B reusing tenant A's ids, reported or as a callId, is recorded for B, and A's rows stay A's", async () => {
    const id = `shared-${randomUUID()}`;
    const event = (eventId: string) => ({ eventId, kind: "LLM" as const, occurredAt: new Date(), context: ctx("lobo"), provider: "anthropic" as const, model: "claude-sonnet-4-5", inputTokens: 10, outputTokens: 10 });
    expect(await a.client.gateway.reportUsage.mutate({ events: [event(id)] })).toEqual({ accepted: 1, duplicates: 0 });
    expect(await b.client.gateway.reportUsage.mutate({ events: [event(id)] })).toEqual({ accepted: 1, duplicates: 0 });
    const call = `call-${randomUUID()}`;
    const fromA = await a.client.gateway.complete.mutate({ provider: "anthropic", request: ask("a"), context: ctx("lobo", call) });
    const fromB = await b.client.gateway.complete.mutate({ provider: "anthropic", request: ask("b"), context: ctx("lobo", call) });
    expect(fromB.usage.usageEventId).not.toBe(fromA.usage.usageEventId);
    const rows = await a.db.usageEvent.findMany({ where: { idempotencyKey: { in: [id, call] } }, select: { tenantId: true } });
    expect(rows.filter((r) => r.tenantId === a.fx.tenant.id)).toHaveLength(2);
    expect(rows.filter((r) => r.tenantId === b.fx.tenant.id)).toHaveLength(2);
  });

  it("one tenant's out-of-range usage fails none of another tenant's concurrent calls, and is kept in the dead-letter table", async () => {
    // Tenant A's upstream reports a token count no column can hold.
    a.fake.setReply(() => ({ usage: { output_tokens: 3_000_000_000 } }));
    b.fake.setReply(null);
    const [poisoned, ...others] = await Promise.allSettled([
      a.client.gateway.complete.mutate({ provider: "anthropic", request: ask("poison"), context: ctx("lobo") }),
      ...Array.from({ length: 100 }, () => b.client.gateway.complete.mutate({ provider: "anthropic", request: ask("fine"), context: ctx("lobo") })),
    ]);
    expect(others.filter((r) => r.status === "rejected")).toEqual([]);
    expect(poisoned!.status).toBe("fulfilled");
    const letters = await a.db.usageDeadLetter.findMany({ where: { tenantId: a.fx.tenant.id } });
    expect(letters).toHaveLength(1);
    expect(await a.db.alert.count({ where: { tenantId: a.fx.tenant.id, kind: "USAGE_DEAD_LETTER" } })).toBe(1);
    expect(await b.db.usageEvent.count({ where: { tenantId: b.fx.tenant.id, idempotencyKey: { startsWith: "call-" } } })).toBeGreaterThanOrEqual(100);
  });
});

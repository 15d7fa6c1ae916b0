/**
 * Scale-out on what we already run: two gateway OS processes (testing/gateway-child.ts), sharing
 * only PostgreSQL and Redis, serve 200 concurrent callers between them against one tenant budget.
 * Counted where it lives: the usage rows in PostgreSQL never add up past the limit, and the
 * budget is used to the last calls that fit.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, honours, startHarness, type ChildGateway, type Harness } from "./gateway.harness";

const CALLERS = 200;
const GROUPS = 16;
let h: Harness;
let gateways: ChildGateway[];

beforeAll(async () => {
  h = await startHarness();
  h.fake.setReply(honours);
  // Both gateways are processes of their own; the harness's in-test gateway serves nobody here.
  gateways = [await h.spawnProcess({ leaseMs: 2_000 }), await h.spawnProcess({ leaseMs: 2_000 })];
});
afterAll(() => h.close());

/** Caller i keeps calling through gateway i % 2 (in one of 16 WhatsApp groups) until refused. */
async function drain(agentId: string): Promise<{ served: number[]; unexpected: unknown[] }> {
  const served = [0, 0];
  const unexpected: unknown[] = [];
  await Promise.all(
    Array.from({ length: CALLERS }, async (_, i) => {
      const which = i % gateways.length;
      const client = gateways[which]!.client;
      const sessionKey = `agent:${agentId}:whatsapp:group:1203630${i % GROUPS}@g.us`;
      for (;;) {
        const input = { provider: "anthropic" as const, request: ask("scale-out", { max_tokens: 400 }), context: { agentId, sessionKey, callId: `so-${randomUUID()}` } };
        try {
          if (i % 4 === 0) for await (const chunk of await client.gateway.stream.mutate(input)) void chunk;
          else await client.gateway.complete.mutate(input);
          served[which]!++;
        } catch (e) {
          if ((e as { data?: { code?: string } }).data?.code !== "PAYMENT_REQUIRED") unexpected.push(e);
          return;
        }
      }
    }),
  );
  return { served, unexpected };
}

describe("one budget across two gateway OS processes", () => {
  it(`${CALLERS} concurrent callers split between two processes: 0 overspend in PostgreSQL, >= 95 % of the budget used`, async () => {
    // Sonnet at 360 of 400 output tokens: ~5,400 µ$ a call; the budget fits about 150.
    const limit = 800_000;
    const agentId = `so-${randomUUID().slice(0, 8)}`;
    await h.db.budget.create({
      data: { tenantId: h.fx.tenant.id, scope: "TENANT", name: `scale-out ${agentId}`, period: "DAILY", currency: "USD", action: "BLOCK", limitMoneyMicros: BigInt(limit) },
    });
    const { served, unexpected } = await drain(agentId);
    expect(unexpected).toEqual([]);
    const rows = await h.db.usageEvent.findMany({ where: { tenantId: h.fx.tenant.id }, select: { costListUsdMicros: true } });
    const spent = rows.reduce((s, r) => s + Number(r.costListUsdMicros), 0);
    console.info(`[scale-out] ${((spent / limit) * 100).toFixed(2)} % of the budget used, overspend ${Math.max(0, spent - limit)} µ$, ${rows.length} calls (${served.join(" + ")} per process)`);
    expect(rows.length).toBe(served[0]! + served[1]!);
    // Both processes served (the split is real), and the ledger holds.
    expect(served.every((n) => n > 0)).toBe(true);
    expect(spent).toBeLessThanOrEqual(limit);
    expect(spent).toBeGreaterThanOrEqual(limit * 0.95);
  });
});

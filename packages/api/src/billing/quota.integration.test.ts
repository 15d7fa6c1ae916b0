/** The plan's monthly messages block the call past the quota, with a sentence naming the plan and when it starts over. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tier } from "@baas/db";
import { ask, startHarness, type Harness } from "../gateway/gateway.harness";

let h: Harness;
let tier: Tier;

beforeAll(async () => {
  h = await startHarness();
  tier = await h.db.tier.create({ data: { key: `quota-${randomUUID().slice(0, 8)}`, name: "Tiny", priceMonthlyMinor: 0, defaultModel: "claude-haiku-4-5", allowedModels: ["claude-haiku-4-5"], monthlyMessages: 2 } });
  await h.db.subscription.create({ data: { tenantId: h.fx.tenant.id, tierId: tier.id } });
});

afterAll(async () => {
  await h?.close();
  await h.db.subscription.deleteMany({ where: { tierId: tier.id } });
  await h.db.tier.delete({ where: { id: tier.id } });
});

const call = () =>
  h.client.gateway.complete
    .mutate({ provider: "anthropic", request: ask("oi", { model: "claude-haiku-4-5" }), context: { agentId: "lobo", callId: `q-${randomUUID()}` } })
    .then(() => "allowed", (e: { data?: { details?: { message?: string } } }) => e.data?.details?.message ?? String(e));

describe("monthly message quota", () => {
  it("allows the plan's messages, then refuses naming the plan and the day it starts over", async () => {
    expect([await call(), await call()]).toEqual(["allowed", "allowed"]);
    expect(await call()).toMatch(/^This workspace has used all 2 messages of its Tiny plan this month; they start over on \d{4}-\d{2}-\d{2}\.$/);
    expect(await h.db.usageEvent.count({ where: { tenantId: h.fx.tenant.id } })).toBe(2);
  });
});

import type { Db } from "@baas/db";
import { createGatewayFixture } from "@baas/gateway/testing";

/**
 * What every BaaS row runs against: a fixture tenant whose upstream accounts point at the fake,
 * a tenant budget (BLOCK) and a rate-limit rule, both enforced on every call but never binding,
 * so the bench measures their cost and not their refusals.
 */
export async function seedBench(db: Db, llmUrl: string, encryptionKey: Buffer) {
  const fx = await createGatewayFixture(db, { llmUrl, encryptionKey, currency: "BRL" });
  await db.budget.create({
    data: { tenantId: fx.tenant.id, scope: "TENANT", name: "Bench monthly", period: "MONTHLY", currency: "BRL", limitMoneyMicros: 10n ** 15n, action: "BLOCK" },
  });
  await db.rateLimitRule.create({ data: { tenantId: fx.tenant.id, scope: "TENANT", window: "MINUTE", maxRequests: 100_000_000, maxTokens: 2_000_000_000 } });
  return fx;
}

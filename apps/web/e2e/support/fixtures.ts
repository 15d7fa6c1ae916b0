import { createHash, randomBytes } from "node:crypto";
import { createCaller, createTRPCContext } from "@baas/api";
import { getDb, type Db } from "@baas/db";
import { localDay } from "@baas/gateway";

export function testDb(): Db {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run through npm test or scripts/with-test-env.ts)");
  return getDb(url);
}

/** A tenant of its own (shared database): owner, instance, two agents, two groups, one binding. */
export async function seedWorld(db: Db) {
  const tag = randomBytes(4).toString("hex");
  const models = { opus: `e2e-opus-${tag}`, sonnet: `e2e-sonnet-${tag}` };
  for (const [family, model] of Object.entries(models)) {
    await db.modelPrice.create({ data: { provider: "ANTHROPIC", model, displayName: `E2E ${family} ${tag}`, family, inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75, effectiveFrom: new Date(Date.now() - 86_400_000) } });
  }
  const tenant = await db.tenant.create({ data: { slug: `e2e-${tag}`, name: `E2E Deco ${tag}` } });
  const owner = await db.user.create({ data: { email: `owner-${tag}@e2e.test`, name: "E2E Owner" } });
  await db.membership.create({ data: { tenantId: tenant.id, userId: owner.id, role: "OWNER" } });
  const key = `e2e-key-${tag}-${randomBytes(8).toString("hex")}`;
  const instance = await db.instance.create({ data: { tenantId: tenant.id, name: `vm-${tag}`, keyHash: createHash("sha256").update(key).digest("hex"), keyPrefix: key.slice(0, 10), lastSeenAt: new Date(), hostVersion: "2026.9.6", pluginVersion: "0.1.0" } });
  const lobo = await db.agent.create({ data: { tenantId: tenant.id, externalId: "lobo", name: "Lobo", emoji: "🐺", model: models.sonnet, skills: ["search"], systemPrompt: "Você vende móveis." } });
  const aguia = await db.agent.create({ data: { tenantId: tenant.id, externalId: "aguia", name: "Águia", emoji: "🦅", model: models.sonnet, instanceId: instance.id, lastSeenAt: new Date() } });
  const vip = await db.channel.create({ data: { tenantId: tenant.id, provider: "whatsapp", peerKind: "GROUP", externalId: `120363${tag}01@g.us`, name: "Vendas VIP" } });
  const support = await db.channel.create({ data: { tenantId: tenant.id, provider: "whatsapp", peerKind: "GROUP", externalId: `120363${tag}02@g.us`, name: "Suporte Loja" } });
  await db.binding.create({ data: { tenantId: tenant.id, agentId: lobo.id, channelId: vip.id } });
  // v1: the settings as seeded, so a rollback to it has something to restore.
  const asOwner = createCaller(createTRPCContext({ services: { db }, headers: new Headers(), user: { id: owner.id, email: owner.email, platformRole: "NONE" } }));
  await asOwner.configRevision.republish({ tenantId: tenant.id });
  await seedUsage(db, tenant, { lobo: lobo.id, aguia: aguia.id, vip: vip.id, support: support.id }, models);
  return { tag, models, tenant, owner, instance, instanceKey: key, lobo, aguia, vip, support };
}

/** This month's roll-up (what the overview reads) plus a row from last month it must leave out; 59.10 in all. */
async function seedUsage(db: Db, tenant: { id: string; timezone: string }, ids: Record<"lobo" | "aguia" | "vip" | "support", string>, models: { opus: string; sonnet: string }) {
  const today = new Date(localDay(new Date(), tenant.timezone));
  const lastMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 15));
  const row = (agentKey: string, channelKey: string, model: string, brl: number, day = today) =>
    ({ tenantId: tenant.id, day, agentKey, channelKey, model, calls: 3, inputTokens: 1000n, outputTokens: 200n, costTenantMicros: BigInt(Math.round(brl * 1e6)), costListUsdMicros: BigInt(Math.round(brl * 2e5)) });
  await db.usageDaily.createMany({
    data: [row(ids.lobo, ids.vip, models.opus, 40), row(ids.lobo, ids.vip, models.sonnet, 2), row(ids.aguia, ids.support, models.sonnet, 17.1), row(ids.lobo, ids.vip, models.opus, 999, lastMonth)],
  });
  await db.budget.create({ data: { tenantId: tenant.id, scope: "TENANT", name: "Team monthly", currency: "BRL", limitMoneyMicros: 100_000_000n, thresholds: [50, 80, 100] } });
}

export function linkIn(text: string | undefined): string {
  const m = /(https?:\/\/\S+\/api\/auth\/callback\/email\?\S+)/.exec(text ?? "");
  if (!m?.[1]) throw new Error(`no magic link in email: ${text}`);
  return m[1];
}

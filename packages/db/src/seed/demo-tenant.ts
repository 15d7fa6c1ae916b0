/**
 * Writes the VM Deco tenant: people, the Clawdbot instance, the ten agents, groups and DMs with
 * their bindings, budgets and the subscription. Rows are created only when missing (deterministic
 * ids, skipDuplicates), so a re-run neither duplicates nor undoes what a user changed in the app.
 */
import { createHash, createHmac } from "node:crypto";
import type { Db } from "../client";
import type { Prisma } from "../generated/prisma/client";
import { seedId } from "./ids";
import {
  DEMO_AGENTS, DEMO_CHANNELS, DEMO_DM_PATTERN, DEMO_OPERATOR_EMAIL, DEMO_TENANT, DEMO_USERS, TENANT_MONTHLY_BUDGET_USD,
} from "./demo-data";

export interface DemoTenantOptions {
  encryptionKey: Buffer;
  tierId: string;
  now: Date;
}

export interface DemoTenant {
  tenantId: string;
  instanceId: string;
  /** The plugin's key for the demo instance (derived from the encryption key, so stable). */
  instanceKey: string;
  /** True when this run created the instance (the key is worth printing then). */
  instanceCreated: boolean;
  agentIds: Record<string, string>;
  channelIds: Record<string, string>;
  tenantBudgetId: string;
}

/** Same hash as packages/api's hashInstanceKey: the key itself is never stored. */
export function hashInstanceKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function demoInstanceKey(encryptionKey: Buffer): string {
  return `baas_demo_${createHmac("sha256", encryptionKey).update("vm-deco demo instance").digest("hex").slice(0, 40)}`;
}

const tid = (...p: string[]) => seedId(DEMO_TENANT.slug, ...p);

export async function seedDemoTenant(db: Db, opts: DemoTenantOptions): Promise<DemoTenant> {
  const tenant = await db.tenant.upsert({
    where: { slug: DEMO_TENANT.slug },
    create: { id: tid("tenant"), ...DEMO_TENANT },
    update: {},
    select: { id: true },
  });
  const tenantId = tenant.id;
  await seedPeople(db, tenantId);
  const instanceKey = demoInstanceKey(opts.encryptionKey);
  const instanceId = tid("instance");
  const created = await db.instance.createMany({
    data: [{
      id: instanceId, tenantId, name: "VM do Deco (Alcateia)", keyHash: hashInstanceKey(instanceKey),
      keyPrefix: instanceKey.slice(0, 14), hostKind: "OPENCLAW", hostVersion: "2026.1.24", pluginVersion: "0.1.0",
      lastSeenAt: opts.now, uptimeSec: 86_400 * 6,
    }],
    skipDuplicates: true,
  });
  const agentIds = await seedAgents(db, tenantId, instanceId);
  const channelIds = await seedChannels(db, tenantId, instanceId, agentIds);
  const tenantBudgetId = await seedBudgets(db, tenantId, agentIds, channelIds);
  await seedSubscription(db, tenantId, opts.tierId, opts.now);
  return { tenantId, instanceId, instanceKey, instanceCreated: created.count > 0, agentIds, channelIds, tenantBudgetId };
}

async function seedPeople(db: Db, tenantId: string): Promise<void> {
  await db.user.upsert({
    where: { email: DEMO_OPERATOR_EMAIL },
    create: { id: seedId("user", DEMO_OPERATOR_EMAIL), email: DEMO_OPERATOR_EMAIL, name: "Operador BaaS", platformRole: "OPERATOR" },
    update: {},
  });
  for (const u of DEMO_USERS) {
    const user = await db.user.upsert({
      where: { email: u.email },
      create: { id: seedId("user", u.email), email: u.email, name: u.name },
      update: {},
      select: { id: true },
    });
    await db.membership.createMany({
      data: [{ id: tid("membership", u.email), tenantId, userId: user.id, role: u.role }],
      skipDuplicates: true,
    });
  }
}

async function seedAgents(db: Db, tenantId: string, instanceId: string): Promise<Record<string, string>> {
  await db.agent.createMany({
    data: DEMO_AGENTS.map((a) => ({
      id: tid("agent", a.externalId), tenantId, instanceId, externalId: a.externalId, name: a.name, emoji: a.emoji,
      model: a.model, skills: a.skills, theme: "alcateia",
      mentionPatterns: [`@${a.externalId}`, a.name.toLowerCase()],
      systemPrompt: `Você é ${a.name}${a.emoji ? ` ${a.emoji}` : ""}, da Alcateia da VM Deco: ${a.role}. Responda em português, de forma direta e cordial.`,
    })),
    skipDuplicates: true,
  });
  const rows = await db.agent.findMany({ where: { tenantId }, select: { id: true, externalId: true } });
  return Object.fromEntries(rows.map((r) => [r.externalId, r.id]));
}

async function seedChannels(
  db: Db, tenantId: string, instanceId: string, agentIds: Record<string, string>,
): Promise<Record<string, string>> {
  await db.channel.createMany({
    data: DEMO_CHANNELS.map((c) => ({
      id: tid("channel", c.key), tenantId, instanceId, provider: "whatsapp", peerKind: c.peerKind, externalId: c.externalId,
      name: c.name, requireMention: c.requireMention, modelOverride: c.modelOverride ?? null,
      mentionPatterns: c.peerKind === "GROUP" ? [`@${c.agent}`] : [],
    })),
    skipDuplicates: true,
  });
  const rows = await db.channel.findMany({ where: { tenantId, provider: "whatsapp" }, select: { id: true, externalId: true } });
  const byExternal = new Map(rows.map((r) => [r.externalId, r.id]));
  const channelIds: Record<string, string> = {};
  for (const c of DEMO_CHANNELS) {
    const id = byExternal.get(c.externalId);
    if (id) channelIds[c.key] = id;
  }
  const bindings: Prisma.BindingCreateManyInput[] = DEMO_CHANNELS.flatMap((c) => {
    const agentId = agentIds[c.agent];
    const channelId = channelIds[c.key];
    return agentId && channelId ? [{ id: tid("binding", c.key), tenantId, agentId, channelId, priority: 10 }] : [];
  });
  const dmAgent = agentIds[DEMO_DM_PATTERN.agent];
  if (dmAgent) bindings.push({ id: tid("binding", "dm-pattern"), tenantId, agentId: dmAgent, pattern: DEMO_DM_PATTERN.pattern, priority: 0 });
  await db.binding.createMany({ data: bindings, skipDuplicates: true });
  return channelIds;
}

async function seedBudgets(
  db: Db, tenantId: string, agentIds: Record<string, string>, channelIds: Record<string, string>,
): Promise<string> {
  const tenantBudgetId = tid("budget", "tenant-monthly");
  const data: Prisma.BudgetCreateManyInput[] = [{
    id: tenantBudgetId, tenantId, scope: "TENANT", name: "Orçamento mensal VM Deco", period: "MONTHLY", currency: "USD",
    limitMoneyMicros: BigInt(TENANT_MONTHLY_BUDGET_USD) * 1_000_000n, thresholds: [50, 80, 95, 100], action: "BLOCK",
  }];
  const lobo = agentIds.lobo;
  if (lobo) {
    data.push({
      id: tid("budget", "lobo-daily"), tenantId, scope: "AGENT", agentId: lobo, name: "Lobo: limite diário", period: "DAILY",
      currency: "USD", limitMoneyMicros: 60_000_000n, thresholds: [80, 100], action: "DOWNGRADE", downgradeModel: "claude-sonnet-4-5",
    });
  }
  const cultura = channelIds["cultura-builder"];
  if (cultura) {
    data.push({
      id: tid("budget", "cultura-monthly"), tenantId, scope: "CHANNEL", channelId: cultura, name: "Cultura Builder: mensal",
      period: "MONTHLY", currency: "USD", limitMoneyMicros: 150_000_000n, limitMessages: 3_000, thresholds: [50, 80, 100], action: "WARN",
    });
  }
  await db.budget.createMany({ data, skipDuplicates: true });
  return tenantBudgetId;
}

async function seedSubscription(db: Db, tenantId: string, tierId: string, now: Date): Promise<void> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  await db.subscription.createMany({
    data: [{ id: tid("subscription"), tenantId, tierId, status: "ACTIVE", currentPeriodStart: start, currentPeriodEnd: end }],
    skipDuplicates: true,
  });
}

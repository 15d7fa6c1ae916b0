import type { Tier } from "@baas/db";
import { localDay, periodOf } from "@baas/gateway";
import type { ApiServices } from "../context";
import type { Actor, DbLike } from "../lib-app/db-like";
import { billingOf } from "./checkout";
import { CREDIT_PACK } from "./credits";
import { FREE_TIER_KEY } from "./tier-lookup";

export function tierView(t: Tier) {
  return {
    key: t.key, name: t.name, priceMonthlyMinor: t.priceMonthlyMinor, currency: t.currency, defaultModel: t.defaultModel,
    allowedModels: t.allowedModels, creditModels: t.creditModels, monthlyMessages: t.monthlyMessages, maxGroups: t.maxGroups,
    maxAgents: t.maxAgents, branding: t.branding, apiAccess: t.apiAccess, prioritySupport: t.prioritySupport,
  };
}

/** Use against each quota: messages this month (the gateway's count, from the roll-up), groups on, bots on. */
async function usage(db: DbLike, tenantId: string, timezone: string, now: Date) {
  const month = periodOf("MONTHLY", now, timezone);
  const [calls, groups, agents] = await Promise.all([
    db.usageDaily.aggregate({ where: { tenantId, day: { gte: new Date(localDay(month.start, timezone)) } }, _sum: { calls: true } }),
    db.channel.count({ where: { tenantId, peerKind: "GROUP", policy: { not: "BLOCKED" } } }),
    db.agent.count({ where: { tenantId, archivedAt: null, enabled: true } }),
  ]);
  return { messages: calls._sum.calls ?? 0, groups, agents, monthEndsAt: month.end };
}

/** What the billing page shows: plan, status, renewal, grace, quota use, and every plan to compare. */
export async function billingOverview(db: DbLike, actor: Actor & { role: string }, now = new Date()) {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, include: { subscription: { include: { tier: true } } } });
  const tiers = await db.tier.findMany({ orderBy: [{ sortOrder: "asc" }, { priceMonthlyMinor: "asc" }] });
  const sub = tenant.subscription;
  const current = sub?.tier ?? tiers.find((t) => t.key === FREE_TIER_KEY) ?? null;
  return {
    canManage: actor.role === "OWNER",
    tier: current ? tierView(current) : null,
    status: sub?.status ?? "ACTIVE",
    paidThroughStripe: Boolean(sub?.stripeSubscriptionId),
    hasCustomer: Boolean(sub?.stripeCustomerId),
    renewsAt: sub?.currentPeriodEnd ?? null,
    cancelAtPeriodEnd: sub?.cancelAtPeriodEnd ?? false,
    graceEndsAt: sub?.status === "PAST_DUE" ? sub.graceEndsAt : null,
    credits: { balance: sub?.creditBalance ?? 0, pack: CREDIT_PACK },
    usage: await usage(db, actor.tenantId, tenant.timezone, now),
    tiers: tiers.map(tierView),
  };
}

export interface InvoiceView {
  id: string;
  number: string | null;
  status: string;
  amountMinor: number;
  currency: string;
  createdAt: Date;
  url: string | null;
}

/** The customer's latest invoices from Stripe (none before the first payment). */
export async function listInvoices(services: ApiServices, tenantId: string): Promise<InvoiceView[]> {
  const b = billingOf(services);
  const row = await services.db.subscription.findUnique({ where: { tenantId }, select: { stripeCustomerId: true } });
  if (!row?.stripeCustomerId) return [];
  const list = await b.stripe.invoices.list({ customer: row.stripeCustomerId, limit: 12 });
  return list.data.map((i) => ({
    id: i.id ?? "", number: i.number ?? null, status: i.status ?? "draft", amountMinor: i.amount_due, currency: i.currency.toUpperCase(),
    createdAt: new Date(i.created * 1000), url: i.hosted_invoice_url ?? null,
  }));
}

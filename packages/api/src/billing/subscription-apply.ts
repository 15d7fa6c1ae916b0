import type { SubscriptionStatus } from "@baas/db";
import type Stripe from "stripe";
import type { DbLike } from "../lib-app/db-like";
import { lockTenant } from "../lib-app/tenant-lock";
import { GRACE_DAYS } from "./billing-services";
import { subscriptionFacts, type SubscriptionFacts } from "./stripe-shapes";
import { freeTier, tierForPrice } from "./tier-lookup";
import { writeSubscription, type SubscriptionWithTier } from "./tier-change";

export type Outcome = "applied" | "stale" | "ignored" | "unknown_price";

export interface ApplyResult {
  tenantId: string | null;
  outcome: Outcome;
  tierChanged: boolean;
  changed: boolean;
}

const STATUS: Partial<Record<Stripe.Subscription.Status, SubscriptionStatus>> = {
  active: "ACTIVE", trialing: "TRIALING", past_due: "PAST_DUE", unpaid: "PAST_DUE", paused: "PAST_DUE",
  canceled: "CANCELED", incomplete: "INCOMPLETE", incomplete_expired: "CANCELED",
};

export const nothing = (tenantId: string | null, outcome: Outcome): ApplyResult => ({ tenantId, outcome, tierChanged: false, changed: false });

/** The tenant's row this subscription belongs to: by subscription id, then the tenant id we stamped on it at Checkout, then the customer. */
async function rowFor(tx: DbLike, f: SubscriptionFacts): Promise<{ tenantId: string | null; row: SubscriptionWithTier | null }> {
  const bySub = await tx.subscription.findUnique({ where: { stripeSubscriptionId: f.id }, include: { tier: true } });
  if (bySub) return { tenantId: bySub.tenantId, row: bySub };
  if (f.tenantId && (await tx.tenant.findUnique({ where: { id: f.tenantId }, select: { id: true } }))) {
    return { tenantId: f.tenantId, row: await tx.subscription.findUnique({ where: { tenantId: f.tenantId }, include: { tier: true } }) };
  }
  const byCustomer = f.customerId ? await tx.subscription.findUnique({ where: { stripeCustomerId: f.customerId }, include: { tier: true } }) : null;
  return { tenantId: byCustomer?.tenantId ?? null, row: byCustomer };
}

/**
 * Out-of-order delivery: an event older than the newest one applied changes nothing, a canceled
 * subscription never comes back, and an event about another subscription than the tenant's
 * current one only counts when it starts a newer, live one (a fresh Checkout).
 */
function isStale(row: SubscriptionWithTier | null, f: SubscriptionFacts, at: Date): boolean {
  if (!row) return false;
  if (row.stripeStateAt && at < row.stripeStateAt) return true;
  if (row.stripeSubscriptionId === f.id) return row.status === "CANCELED" && f.status !== "canceled" && f.status !== "incomplete_expired";
  const live = row.stripeSubscriptionId !== null && row.status !== "CANCELED";
  return live && (f.status === "canceled" || f.status === "incomplete_expired" || f.status === "incomplete");
}

function graceOf(row: SubscriptionWithTier | null, status: SubscriptionStatus, now: Date): { pastDueSince: Date | null; graceEndsAt: Date | null } {
  if (status !== "PAST_DUE") return { pastDueSince: null, graceEndsAt: null };
  const since = row?.pastDueSince ?? now;
  return { pastDueSince: since, graceEndsAt: row?.graceEndsAt ?? new Date(since.getTime() + GRACE_DAYS * 86_400_000) };
}

/** Applies a subscription as Stripe reports it (in an event, or fetched), in the caller's transaction. */
export async function applySubscription(tx: DbLike, sub: Stripe.Subscription, at: Date, cause: string, now: Date): Promise<ApplyResult> {
  const f = subscriptionFacts(sub);
  const { tenantId } = await rowFor(tx, f);
  if (!tenantId) return nothing(null, "ignored");
  // Two events of one tenant at once: the second waits, then judges staleness on what the first wrote.
  await lockTenant(tx, tenantId);
  const row = await tx.subscription.findUnique({ where: { tenantId }, include: { tier: true } });
  if (isStale(row, f, at)) return nothing(tenantId, "stale");
  const status = STATUS[f.status] ?? "PAST_DUE";
  const grace = graceOf(row, status, now);
  let tierId: string;
  if (status === "CANCELED" || (grace.graceEndsAt && grace.graceEndsAt <= now)) tierId = (await freeTier(tx)).id;
  else if (status === "INCOMPLETE") {
    // Not paid yet: whatever the tenant had stays (a new tenant starts on Starter).
    tierId = row?.tierId ?? (await freeTier(tx)).id;
  } else {
    const tier = await tierForPrice(tx, f);
    if (!tier) return nothing(tenantId, "unknown_price");
    tierId = tier.id;
  }
  const data = {
    stripeCustomerId: f.customerId, stripeSubscriptionId: f.id, stripePriceId: f.priceId, stripeStateAt: at,
    currentPeriodStart: f.periodStart, currentPeriodEnd: f.periodEnd, cancelAtPeriodEnd: f.cancelAtPeriodEnd, ...grace,
  };
  const r = await writeSubscription(tx, row, { tenantId, tierId, status, data, cause });
  return { tenantId, outcome: "applied", ...r };
}

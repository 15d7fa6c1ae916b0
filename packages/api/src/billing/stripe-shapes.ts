/**
 * Reads what billing needs from Stripe objects across API versions: newer versions keep the
 * period on subscription items and the subscription of an invoice under `parent`, older ones
 * on the object itself. Webhook payloads are whatever version the endpoint was created with.
 */
import type Stripe from "stripe";

type Loose = Record<string, unknown>;
const rec = (v: unknown): Loose => (v && typeof v === "object" ? (v as Loose) : {});
const idOf = (v: unknown): string | null => (typeof v === "string" ? v : typeof rec(v).id === "string" ? (rec(v).id as string) : null);
const secToDate = (v: unknown): Date | null => (typeof v === "number" ? new Date(v * 1000) : null);

export interface SubscriptionFacts {
  id: string;
  customerId: string | null;
  status: Stripe.Subscription.Status;
  priceId: string | null;
  productId: string | null;
  priceTierKey: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  tenantId: string | null;
}

export function subscriptionFacts(sub: Stripe.Subscription): SubscriptionFacts {
  const raw = sub as unknown as Loose;
  const item = rec((rec(raw.items).data as unknown[] | undefined)?.[0]);
  const price = rec(item.price);
  return {
    id: sub.id,
    customerId: idOf(sub.customer),
    status: sub.status,
    priceId: idOf(price),
    productId: idOf(price.product),
    priceTierKey: typeof rec(price.metadata).tierKey === "string" ? (rec(price.metadata).tierKey as string) : null,
    periodStart: secToDate(item.current_period_start ?? raw.current_period_start),
    periodEnd: secToDate(item.current_period_end ?? raw.current_period_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end === true,
    tenantId: typeof sub.metadata?.tenantId === "string" ? sub.metadata.tenantId : null,
  };
}

export function invoiceSubscriptionId(invoice: Stripe.Invoice): string | null {
  const raw = invoice as unknown as Loose;
  return idOf(rec(rec(raw.parent).subscription_details).subscription) ?? idOf(raw.subscription);
}

export function itemIdOf(sub: Stripe.Subscription): string | null {
  return sub.items.data[0]?.id ?? null;
}

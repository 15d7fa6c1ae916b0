import type Stripe from "stripe";
import type { DbLike } from "../lib-app/db-like";
import { lockTenant } from "../lib-app/tenant-lock";
import { GRACE_DAYS, type BillingMail } from "./billing-services";
import { nothing, type ApplyResult } from "./subscription-apply";
import { invoiceSubscriptionId } from "./stripe-shapes";
import { tierForPrice } from "./tier-lookup";
import { writeSubscription } from "./tier-change";

type Mailing = (tenantId: string, graceEndsAt: Date) => Promise<BillingMail[]>;

/** The subscription row the invoice bills, read again under the tenant's lock (see applySubscription). */
async function rowOf(tx: DbLike, invoice: Stripe.Invoice) {
  const subId = invoiceSubscriptionId(invoice);
  const found = subId ? await tx.subscription.findUnique({ where: { stripeSubscriptionId: subId }, select: { tenantId: true } }) : null;
  if (!found) return null;
  await lockTenant(tx, found.tenantId);
  return tx.subscription.findUnique({ where: { tenantId: found.tenantId }, include: { tier: true } });
}

/**
 * A renewal could not be charged: the tenant keeps its tier for the grace period (7 days from the
 * first failure) and the owners are told. The tier drops to Starter when the grace ends (sweep).
 */
export async function applyPaymentFailed(tx: DbLike, invoice: Stripe.Invoice, at: Date, cause: string, now: Date, mailing: Mailing): Promise<ApplyResult & { mails: BillingMail[] }> {
  const row = await rowOf(tx, invoice);
  if (!row) return { ...nothing(null, "ignored"), mails: [] };
  if ((row.stripeStateAt && at < row.stripeStateAt) || row.status === "CANCELED") return { ...nothing(row.tenantId, "stale"), mails: [] };
  const pastDueSince = row.pastDueSince ?? now;
  const graceEndsAt = row.graceEndsAt ?? new Date(pastDueSince.getTime() + GRACE_DAYS * 86_400_000);
  const r = await writeSubscription(tx, row, { tenantId: row.tenantId, tierId: row.tierId, status: "PAST_DUE", data: { pastDueSince, graceEndsAt }, cause });
  return { tenantId: row.tenantId, outcome: "applied", ...r, mails: await mailing(row.tenantId, graceEndsAt) };
}

/** The open invoice got paid: past due ends, and a tier the grace had taken away comes back. */
export async function applyInvoicePaid(tx: DbLike, invoice: Stripe.Invoice, at: Date, cause: string): Promise<ApplyResult> {
  const row = await rowOf(tx, invoice);
  if (!row) return nothing(null, "ignored");
  if ((row.stripeStateAt && at < row.stripeStateAt) || row.status === "CANCELED") return nothing(row.tenantId, "stale");
  if (row.status !== "PAST_DUE") return nothing(row.tenantId, "applied");
  const paidTier = row.stripePriceId ? await tierForPrice(tx, { priceId: row.stripePriceId, productId: null, priceTierKey: null }) : null;
  const tierId = paidTier?.id ?? row.tierId;
  const r = await writeSubscription(tx, row, { tenantId: row.tenantId, tierId, status: "ACTIVE", data: { pastDueSince: null, graceEndsAt: null }, cause });
  return { tenantId: row.tenantId, outcome: "applied", ...r };
}

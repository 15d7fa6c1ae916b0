import { AppError } from "@baas/db";
import type Stripe from "stripe";
import { writeAudit } from "../audit/audit-log";
import type { ApiServices } from "../context";
import type { Actor, DbLike } from "../lib-app/db-like";
import { lockTenant } from "../lib-app/tenant-lock";
import { billingOf } from "./checkout";
import { nothing, type ApplyResult } from "./subscription-apply";

/** One pack of prepaid calls on the plan's credit models (Business: Opus), in the tier's currency. */
export const CREDIT_PACK = { credits: 100, priceMinor: 9_900 } as const;

/** The pack's one-time Stripe price, found by lookup key or created once. */
async function packPrice(stripe: Stripe, currency: string): Promise<string> {
  const lookup = `baas_credits_${CREDIT_PACK.credits}_${CREDIT_PACK.priceMinor}_${currency}`;
  const found = await stripe.prices.list({ lookup_keys: [lookup], active: true, limit: 1 });
  if (found.data[0]) return found.data[0].id;
  const created = await stripe.prices.create({
    currency, unit_amount: CREDIT_PACK.priceMinor, lookup_key: lookup, nickname: `${CREDIT_PACK.credits} Opus credits`,
    product_data: { name: `BaaS ${CREDIT_PACK.credits} Opus credits` }, metadata: { kind: "credits", credits: String(CREDIT_PACK.credits) },
  });
  return created.id;
}

/** Owners of a plan with credit models buy a pack through Checkout (one-time payment); the webhook adds it. */
export async function buyCredits(services: ApiServices, actor: Actor & { email: string }): Promise<{ url: string }> {
  const b = billingOf(services);
  const row = await services.db.subscription.findUnique({ where: { tenantId: actor.tenantId }, include: { tier: true } });
  if (!row?.tier.creditModels.length) throw new AppError("PRECONDITION_FAILED", `The ${row?.tier.name ?? "current"} plan has no models on credits: credits come with Business`);
  const page = `${b.appUrl.replace(/\/$/, "")}/t/${encodeURIComponent(actor.tenantId)}/billing`;
  const meta = { tenantId: actor.tenantId, kind: "credits", credits: String(CREDIT_PACK.credits) };
  const session = await b.stripe.checkout.sessions.create({
    mode: "payment", line_items: [{ price: await packPrice(b.stripe, row.tier.currency.toLowerCase()), quantity: 1 }],
    client_reference_id: actor.tenantId, metadata: meta,
    ...(row.stripeCustomerId ? { customer: row.stripeCustomerId } : { customer_email: actor.email }),
    success_url: `${page}?checkout=success`, cancel_url: `${page}?checkout=canceled`,
  });
  if (!session.url) throw new AppError("UNAVAILABLE", "Stripe did not return a Checkout page");
  return { url: session.url };
}

/** A paid credit Checkout: the pack is added once (the event id is claimed with it) and audited. */
export async function applyCreditPurchase(tx: DbLike, session: Stripe.Checkout.Session, cause: string): Promise<ApplyResult> {
  const tenantId = session.metadata?.tenantId ?? null;
  const credits = Number(session.metadata?.credits);
  if (!tenantId || session.metadata?.kind !== "credits" || session.payment_status !== "paid") return nothing(tenantId, "ignored");
  if (!Number.isInteger(credits) || credits <= 0 || credits > 100_000) return nothing(tenantId, "ignored");
  if (!(await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))) return nothing(null, "ignored");
  await lockTenant(tx, tenantId);
  const row = await tx.subscription.findUnique({ where: { tenantId } });
  if (!row) return nothing(tenantId, "ignored");
  const after = await tx.subscription.update({ where: { id: row.id }, data: { creditBalance: { increment: credits } } });
  await writeAudit(tx, { tenantId, userId: null }, {
    action: "billing.credits_purchase", entityType: "Subscription", entityId: row.id,
    before: { creditBalance: row.creditBalance }, after: { creditBalance: after.creditBalance, cause },
  });
  return { tenantId, outcome: "applied", tierChanged: false, changed: true };
}

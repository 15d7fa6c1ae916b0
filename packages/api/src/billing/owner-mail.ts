import type { DbLike } from "../lib-app/db-like";
import type { BillingMail } from "./billing-services";

/** The payment-failure e-mail, one per owner: what happened, until when the plan holds, where to fix it. */
export async function paymentFailedMails(db: DbLike, appUrl: string, tenantId: string, graceEndsAt: Date): Promise<BillingMail[]> {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { name: true, currency: true, subscription: { select: { tier: { select: { name: true } } } }, memberships: { where: { role: "OWNER" }, select: { user: { select: { email: true, locale: true } } } } },
  });
  const link = `${appUrl.replace(/\/$/, "")}/t/${tenantId}/billing`;
  const until = graceEndsAt.toISOString().slice(0, 10);
  const plan = tenant.subscription?.tier.name ?? "current";
  const text = [
    `We could not charge the card for ${tenant.name}'s ${plan} plan.`,
    `The plan stays active until ${until} (UTC). If the payment still fails by then, ${tenant.name} moves to the free Starter plan (Haiku only, 500 messages a month).`,
    `Update the card or pay the open invoice: ${link}`,
  ].join("\n\n");
  const facts = { kind: "payment_failed" as const, tenantName: tenant.name, plan: tenant.subscription?.tier.name ?? null, until, tenantCurrency: tenant.currency };
  return tenant.memberships.map((m) => ({ to: m.user.email, subject: `Payment failed for ${tenant.name} on BaaS`, text, link, facts: { ...facts, recipientLocale: m.user.locale } }));
}

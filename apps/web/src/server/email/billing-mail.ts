import type { BillingMail } from "@baas/api";
import { formatDate } from "~/i18n/format";
import { emailTranslator } from "./email-i18n";

/** A billing e-mail in the owner's language when the api sent its figures; otherwise as written. */
export async function composeBillingMail(m: BillingMail): Promise<BillingMail> {
  const f = m.facts;
  if (!f || f.kind !== "payment_failed") return m;
  const { locale, t } = await emailTranslator("emails.paymentFailed", f.recipientLocale, f.tenantCurrency);
  const until = formatDate(locale, `${f.until}T12:00:00Z`, "UTC");
  const plan = f.plan ?? t("yourPlan");
  const text = [t("charge", { tenant: f.tenantName, plan }), t("grace", { tenant: f.tenantName, until }), t("fix", { link: m.link })].join("\n\n");
  return { ...m, subject: t("subject", { tenant: f.tenantName }), text };
}

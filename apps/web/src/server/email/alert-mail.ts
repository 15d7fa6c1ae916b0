import type { AlertMailComposer } from "@baas/api";
import { formatDate, formatMoney, formatNumber } from "~/i18n/format";
import { emailTranslator } from "./email-i18n";

/**
 * A budget threshold in plain words, in the recipient's language: what it covers, spent of limit,
 * when it starts over, what happens at 100 %, and where to change it.
 */
export const composeAlertMail: AlertMailComposer = async (alert, ctx) => {
  const b = alert.budget;
  if (alert.kind !== "BUDGET_THRESHOLD" || !b || alert.thresholdPct === undefined) return null;
  const { locale, t } = await emailTranslator("emails.budget", ctx.recipientLocale, ctx.tenantCurrency);
  const reached = alert.thresholdPct >= 100;
  const period = t(`period.${b.period}`);
  const base = { tenant: ctx.tenantName, name: b.name, period, pct: alert.thresholdPct, scope: t(`scope.${b.scope}`) };
  const money = (micros: number) => formatMoney(locale, micros / 1e6, b.currency);
  const lines = [
    reached ? t("reached", base) : t("used", base),
    b.limitMoney !== null ? t("spent", { used: money(b.usedMoney), limit: money(b.limitMoney) }) : null,
    b.limitTokens !== null ? t("tokens", { used: formatNumber(locale, b.usedTokens), limit: formatNumber(locale, b.limitTokens) }) : null,
    b.limitMessages !== null ? t("messages", { used: formatNumber(locale, b.usedMessages), limit: formatNumber(locale, b.limitMessages) }) : null,
    t("startsOver", { date: formatDate(locale, b.periodEnd, "UTC") }),
    t(`atLimit.${b.action}`),
    t("change", { link: ctx.link }),
  ];
  return { subject: reached ? t("subjectReached", base) : t("subjectUsed", base), text: lines.filter(Boolean).join("\n") };
};

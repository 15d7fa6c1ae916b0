import type { GatewayAlert } from "@baas/gateway";

export interface AlertEmail {
  subject: string;
  text: string;
}

const money = (micros: number, currency: string) => {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(micros / 1e6);
  } catch {
    return `${(micros / 1e6).toFixed(2)} ${currency}`;
  }
};

const AT_LIMIT = {
  BLOCK: "At 100 % further model calls under this budget are refused until it starts over.",
  DOWNGRADE: "At 100 % calls under this budget switch to a cheaper model until it starts over.",
  WARN: "This budget only warns: calls go on past 100 %.",
} as const;

/**
 * A budget threshold in plain words with the numbers to act on: what it covers, spent of limit,
 * when it starts over, what happens at 100 %, and where to change it.
 */
export function budgetAlertEmail(alert: GatewayAlert, tenantName: string, link: string): AlertEmail | null {
  const b = alert.budget;
  if (alert.kind !== "BUDGET_THRESHOLD" || !b || alert.thresholdPct === undefined) return null;
  const reached = alert.thresholdPct >= 100;
  const period = b.period.toLowerCase();
  const subject = reached
    ? `[BaaS] ${tenantName}: budget "${b.name}" has reached its ${period} limit`
    : `[BaaS] ${tenantName}: budget "${b.name}" has used ${alert.thresholdPct}% of its ${period} limit`;
  const lines = [
    `${reached ? "Reached" : `${alert.thresholdPct}% used`}: ${b.name} (${b.scope === "TENANT" ? "the whole team" : b.scope === "AGENT" ? "one agent" : "one group or DM"}, ${period}).`,
    b.limitMoney !== null ? `Spent: ${money(b.usedMoney, b.currency)} of ${money(b.limitMoney, b.currency)}.` : null,
    b.limitTokens !== null ? `Tokens: ${b.usedTokens.toLocaleString("en")} of ${b.limitTokens.toLocaleString("en")}.` : null,
    b.limitMessages !== null ? `Messages: ${b.usedMessages.toLocaleString("en")} of ${b.limitMessages.toLocaleString("en")}.` : null,
    `It starts over on ${b.periodEnd.slice(0, 10)}.`,
    AT_LIMIT[b.action],
    `Change it: ${link}`,
  ];
  return { subject, text: lines.filter(Boolean).join("\n") };
}

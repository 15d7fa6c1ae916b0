/** How each alert kind is named for people, on the alerts page and the overview alike. */
export const ALERT_LABEL: Record<string, string> = {
  BUDGET_THRESHOLD: "Budget",
  HOLD_EXCEEDED: "Over its limit",
  USAGE_DEAD_LETTER: "Usage not stored",
  ACCOUNT_DISABLED: "Account disabled",
  ACCOUNT_COOLDOWN: "Account cooling down",
  INSTANCE_OFFLINE: "Instance offline",
  CONFIG_FAILED: "Config not applied",
  ERROR_RATE: "Error rate",
  COST_ANOMALY: "Unusual cost",
};

export const severityTone = (s: string) => (s === "CRITICAL" ? "red" : s === "WARNING" ? "amber" : "blue") as "red" | "amber" | "blue";

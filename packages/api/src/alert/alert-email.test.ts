import { describe, expect, it } from "vitest";
import type { GatewayAlert } from "@baas/gateway";
import { budgetAlertEmail } from "./alert-email";

const alert = (thr: number, action: "BLOCK" | "WARN" = "BLOCK"): GatewayAlert => ({
  alertId: "a1", kind: "BUDGET_THRESHOLD", severity: "WARNING", tenantId: "t1", budgetId: "b1", thresholdPct: thr, periodKey: "M2026-12", message: "…",
  budget: { name: "Team monthly", scope: "TENANT", period: "MONTHLY", action, currency: "BRL", usedMoney: 82_500_000, limitMoney: 100_000_000, usedTokens: 0, limitTokens: null, usedMessages: 40, limitMessages: null, periodEnd: "2027-01-01T03:00:00.000Z" },
});

describe("budget alert e-mail", () => {
  it("gives the numbers: scope, spent of limit, when it starts over, what happens at 100 %, where to change it", () => {
    const m = budgetAlertEmail(alert(80), "VM Deco", "https://baas.example/t/t1/budgets")!;
    expect(m.subject).toBe('[BaaS] VM Deco: budget "Team monthly" has used 80% of its monthly limit');
    expect(m.text).toContain("the whole team, monthly");
    expect(m.text).toContain("Spent: R$82.50 of R$100.00.");
    expect(m.text).toContain("It starts over on 2027-01-01.");
    expect(m.text).toContain("further model calls under this budget are refused");
    expect(m.text).toContain("https://baas.example/t/t1/budgets");
    expect(m.text).not.toContain("Tokens:");
  });

  it("says 'reached' at 100 % and what a warn-only budget does", () => {
    const m = budgetAlertEmail(alert(100, "WARN"), "VM Deco", "x")!;
    expect(m.subject).toMatch(/has reached its monthly limit$/);
    expect(m.text).toContain("calls go on past 100 %");
  });

  it("is not an e-mail for other alert kinds", () => {
    expect(budgetAlertEmail({ ...alert(80), kind: "ACCOUNT_DISABLED", budget: undefined }, "VM Deco", "x")).toBeNull();
  });
});

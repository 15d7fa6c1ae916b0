import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GatewayAlert } from "@baas/gateway";
import { beforeAll, describe, expect, it } from "vitest";
import { writeMergedCatalogs } from "~/i18n/catalog";
import { composeAlertMail } from "./alert-mail";

const webRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

const alert: GatewayAlert = {
  kind: "BUDGET_THRESHOLD", severity: "WARNING", tenantId: "t1", budgetId: "b1", thresholdPct: 80, periodKey: "2026-12", message: "x", alertId: "a1",
  budget: { name: "Equipe", scope: "TENANT", period: "MONTHLY", action: "BLOCK", currency: "BRL", usedMoney: 1_234_500_000, limitMoney: 1_500_000_000, usedTokens: 0, limitTokens: null, usedMessages: 0, limitMessages: null, periodEnd: "2027-01-01T03:00:00.000Z" },
};
const ctx = { tenantName: "VM Deco", tenantCurrency: "BRL", link: "http://app/t/t1/budgets" };

describe("budget alert e-mail", () => {
  beforeAll(() => writeMergedCatalogs(webRoot));

  it("is written in Portuguese with Brazilian money for a recipient who chose pt-BR (or chose nothing, in a BRL workspace)", async () => {
    for (const recipientLocale of ["pt-BR", null]) {
      const mail = await composeAlertMail(alert, { ...ctx, recipientLocale });
      expect(mail?.subject).toBe("[BaaS] VM Deco: o orçamento “Equipe” já usou 80% do limite mensal");
      expect(mail?.text.replace(/\s/g, " ")).toContain("Gasto: R$ 1.234,50 de R$ 1.500,00.");
      expect(mail?.text).toContain("Para mudar: http://app/t/t1/budgets");
    }
  });

  it("is written in English for a recipient who chose en", async () => {
    const mail = await composeAlertMail({ ...alert, thresholdPct: 100 }, { ...ctx, recipientLocale: "en" });
    expect(mail?.subject).toBe("[BaaS] VM Deco: budget “Equipe” has reached its monthly limit");
    expect(mail?.text).toContain("Spent: R$1,234.50 of R$1,500.00.");
    expect(mail?.text).toContain("At 100% your bots stop answering");
  });

  it("leaves other alert kinds to the default text", async () => {
    expect(await composeAlertMail({ ...alert, kind: "ACCOUNT_DISABLED", budget: undefined }, { ...ctx, recipientLocale: "en" })).toBeNull();
  });
});

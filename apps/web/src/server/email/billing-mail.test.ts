import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { writeMergedCatalogs } from "~/i18n/catalog";
import { composeBillingMail } from "./billing-mail";

const webRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const base = { to: "dona@loja.test", subject: "Payment failed for Loja on BaaS", text: "English text", link: "http://app/t/t1/billing" };
const facts = { kind: "payment_failed" as const, tenantName: "Loja", plan: "Pro", until: "2026-12-11", tenantCurrency: "BRL" };

describe("payment-failed e-mail", () => {
  beforeAll(() => writeMergedCatalogs(webRoot));

  it("is rewritten in the owner's language from the api's figures", async () => {
    const pt = await composeBillingMail({ ...base, facts: { ...facts, recipientLocale: null } });
    expect(pt.subject).toBe("Falha no pagamento de Loja no BaaS");
    expect(pt.text).toContain("Não conseguimos cobrar o cartão do plano Pro de Loja.");
    expect(pt.text).toContain("11 de dez. de 2026");
    expect(pt.text).toContain("http://app/t/t1/billing");
    const en = await composeBillingMail({ ...base, facts: { ...facts, recipientLocale: "en" } });
    expect(en.text).toContain("We could not charge the card for Loja's Pro plan.");
    expect(en.text).toContain("Dec 11, 2026");
  });

  it("is sent as written when the api gave no figures", async () => {
    expect(await composeBillingMail(base)).toEqual(base);
  });
});

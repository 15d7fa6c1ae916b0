import { describe, expect, it } from "vitest";
import { formatMoney, minorToInput, parseMoneyInput, tenantAmount } from "./format";

describe("locale formatting", () => {
  it("writes money the Brazilian way in pt-BR and the US way in en", () => {
    expect(formatMoney("pt-BR", 16026.44, "BRL").replace(/\s/g, " ")).toBe("R$ 16.026,44");
    expect(formatMoney("en", 16026.44, "BRL")).toBe("R$16,026.44");
    expect(formatMoney("en", 3.05, "USD")).toBe("$3.05");
  });

  it("reads prices typed in currency units, with either decimal separator", () => {
    expect(parseMoneyInput("49,90")).toBe(4990);
    expect(parseMoneyInput("49.90")).toBe(4990);
    expect(parseMoneyInput("1.234,5")).toBe(123450);
    expect(parseMoneyInput("1,234.50")).toBe(123450);
    expect(parseMoneyInput("99")).toBe(9900);
    expect(parseMoneyInput("0")).toBe(0);
    for (const bad of ["", "-1", "abc", "1,2,3", "12.345.6789", "1e5"]) expect(parseMoneyInput(bad), bad).toBeNull();
    expect(minorToInput("pt-BR", 4990)).toBe("49,90");
    expect(minorToInput("en", 123450)).toBe("1234.50");
  });

  it("shows one currency per tenant: USD converted at the rate, USD kept when no rate is known", () => {
    expect(tenantAmount({ usd: 10 }, { currency: "BRL", usdRate: 5 })).toEqual({ amount: 50, currency: "BRL", usd: 10 });
    expect(tenantAmount({ amount: 50, currency: "BRL" }, { currency: "BRL", usdRate: 5 })).toEqual({ amount: 50, currency: "BRL", usd: 10 });
    expect(tenantAmount({ amount: 7, currency: "USD" }, { currency: "BRL", usdRate: 5 })).toEqual({ amount: 35, currency: "BRL", usd: 7 });
    expect(tenantAmount({ usd: 10 }, { currency: "BRL", usdRate: null })).toEqual({ amount: 10, currency: "USD", usd: 10 });
  });
});

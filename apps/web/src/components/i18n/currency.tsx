"use client";
import { createContext, useContext } from "react";

export interface TenantCurrency {
  /** ISO 4217 code every amount on the tenant's pages is shown in. */
  currency: string;
  /** USD → currency at the latest known rate; null = unknown (amounts then stay in USD). */
  usdRate: number | null;
}

const Ctx = createContext<TenantCurrency>({ currency: "USD", usdRate: 1 });

/** Set once by the tenant layout, so every <Money> on its pages speaks the same currency. */
export function CurrencyProvider({ value, children }: { value: TenantCurrency; children: React.ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useTenantCurrency(): TenantCurrency {
  return useContext(Ctx);
}

"use client";
import { useLocale, useTranslations } from "next-intl";
import { formatMoney, formatUsd, tenantAmount } from "~/i18n/format";
import { useTenantCurrency } from "./currency";

export interface MoneyProps {
  /** The amount in US dollars (units, not micros). */
  usd?: number | null;
  /** Or an amount already in `currency` (units). */
  amount?: number | null;
  currency?: string | null;
  className?: string;
}

/** Returns a formatter with the same rules as <Money>, for charts, tooltips and attributes. */
export function useMoneyFormat() {
  const locale = useLocale();
  const tenant = useTenantCurrency();
  return (v: MoneyProps) => {
    const r = tenantAmount(v, tenant);
    return { text: formatMoney(locale, r.amount, r.currency), usdTitle: r.usd != null && r.currency !== "USD" ? formatUsd(locale, r.usd) : undefined };
  };
}

/** An amount in the tenant's currency, with the USD figure on hover. */
export function Money({ className, ...v }: MoneyProps) {
  const fmt = useMoneyFormat()(v);
  return (
    <span className={className} title={fmt.usdTitle} data-money>
      {fmt.text}
    </span>
  );
}

/** "List value" (what the calls are worth at list prices) beside "cash paid" (subscription calls cost no cash). */
export function CostPair({ listUsd, cashUsd, className }: { listUsd: number; cashUsd: number; className?: string }) {
  const t = useTranslations("common.cost");
  return (
    <span className={className ?? "inline-flex flex-wrap gap-x-3 gap-y-0.5"} data-testid="cost-pair">
      <span>
        <span className="text-slate-500">{t("list")}</span> <Money usd={listUsd} className="font-medium" />
      </span>
      <span>
        <span className="text-slate-500">{t("cash")}</span> <Money usd={cashUsd} className="font-medium" />
      </span>
    </span>
  );
}

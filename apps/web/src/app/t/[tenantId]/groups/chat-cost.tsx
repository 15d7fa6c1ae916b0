"use client";
import { useTranslations } from "next-intl";
import { Money } from "~/components/i18n/money";

/** This month's list value beside the cash paid, both already in the tenant's currency. */
export function ChatCost({ cost, currency }: { cost: { listMicros: number; cashMicros: number }; currency: string }) {
  const t = useTranslations("groups.cost");
  return (
    <span className="inline-flex flex-wrap gap-x-3 gap-y-0.5 text-sm" data-testid="chat-cost">
      <span title={t("listHint")}>
        <span className="text-slate-500">{t("list")}</span> <Money amount={cost.listMicros / 1e6} currency={currency} className="font-medium" />
      </span>
      <span title={t("cashHint")}>
        <span className="text-slate-500">{t("cash")}</span> <Money amount={cost.cashMicros / 1e6} currency={currency} className="font-medium" />
      </span>
    </span>
  );
}

"use client";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { Card } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { day, money } from "./format";

/** Invoices straight from Stripe; a Stripe outage leaves the rest of the page working. */
export function InvoiceList({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const { data, error, isPending } = useQuery(trpc.billing.invoices.queryOptions({ tenantId }));
  const t = useTranslations("billing");
  const tc = useTranslations("common.actions");
  const locale = useLocale();
  const status = (s: string | null) => (s && t.has(`invoices.status.${s}`) ? t(`invoices.status.${s as "paid"}`) : (s ?? ""));
  return (
    <Card>
      <h2 className="mb-2 font-semibold">{t("invoices.title")}</h2>
      {isPending ? <p className="text-sm text-slate-500">{tc("loading")}</p> : null}
      {error ? <p className="text-sm text-red-700">{t("invoices.unavailable")}</p> : null}
      {data?.length === 0 ? <p className="text-sm text-slate-500">{t("invoices.empty")}</p> : null}
      <ul className="divide-y divide-slate-100 text-sm" data-testid="invoices">
        {data?.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span className="min-w-0 truncate">{day(locale, i.createdAt)}{i.number ? ` · ${i.number}` : ""}</span>
            <span className="flex items-center gap-3">
              <span>{money(locale, i.amountMinor, i.currency, t("free"))} · {status(i.status)}</span>
              {i.url ? <a className="text-brand-700 underline" href={i.url} target="_blank" rel="noreferrer">{t("invoices.view")}</a> : null}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { Num } from "~/components/i18n/formatted";
import { Money } from "~/components/i18n/money";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Badge, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

const PAGE = 24;
const statusTone = { ACTIVE: "green", TRIALING: "blue", PAST_DUE: "red", CANCELED: "gray", INCOMPLETE: "amber" } as const;

/** Cards, not a wide table: at 390 px every figure stays on screen without sideways scrolling. */
export function TenantsList() {
  const t = useTranslations("operatorTenants");
  const trpc = useTRPC();
  const { data: tenants } = useSuspenseQuery(trpc.operator.tenants.queryOptions());
  const [filter, setFilter] = useState("");
  const [limit, setLimit] = useState(PAGE);
  // Biggest spenders first (the server sorts); a long list grows on demand instead of one endless page.
  const shown = tenants.filter((x) => `${x.name} ${x.slug} ${x.plan ?? ""}`.toLowerCase().includes(filter.toLowerCase()));
  const total = (c: string) => tenants.filter((x) => x.currency === c).reduce((n, x) => n + x.spendMicros, 0);
  const currencies = [...new Set(tenants.map((x) => x.currency))];
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { count: tenants.length })} />
      <p className="mb-3 flex flex-wrap gap-x-4 text-sm text-slate-600" data-testid="tenants-total">
        {t("total")}{" "}
        {currencies.map((c) => <Money key={c} amount={total(c) / 1e6} currency={c} className="font-medium text-slate-900" />)}
      </p>
      <Input type="search" aria-label={t("search")} placeholder={t("searchPlaceholder")} value={filter} onChange={(e) => setFilter(e.target.value)} className="mb-4 sm:max-w-xs" />
      <ul className="grid gap-3 md:grid-cols-2 lg:grid-cols-3" aria-label={t("title")}>
        {shown.slice(0, limit).map((x) => (
          <li key={x.id} data-testid={`tenant-${x.slug}`} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div className="flex items-start justify-between gap-2">
              <Link href={`/t/${x.id}`} className="min-w-0 truncate font-medium underline-offset-2 hover:underline">{x.name}</Link>
              {x.subscription ? <Badge tone={statusTone[x.subscription]}>{t(`status.${x.subscription}`)}</Badge> : <Badge>{t("status.none")}</Badge>}
            </div>
            <p className="text-sm text-slate-600">{x.plan ?? t("noPlan")}</p>
            <dl className="grid grid-cols-2 gap-1 text-sm">
              <dt className="text-slate-500">{t("spend")}</dt>
              <dd className="text-right font-medium" data-testid="tenant-spend"><Money amount={x.spendMicros / 1e6} currency={x.currency} /></dd>
              <dt className="text-slate-500">{t("calls")}</dt>
              <dd className="text-right"><Num value={x.calls} /></dd>
              <dt className="text-slate-500">{t("agents")}</dt>
              <dd className="text-right">{x.agents}</dd>
              <dt className="text-slate-500">{t("bots")}</dt>
              <dd className="text-right">{t("botsOnline", { online: x.bots.online, total: x.bots.total })}</dd>
            </dl>
          </li>
        ))}
        {shown.length === 0 ? <li className="text-sm text-slate-500">{t("none")}</li> : null}
      </ul>
      {shown.length > limit ? (
        <Button variant="secondary" className="mt-4" onClick={() => setLimit(limit + PAGE)}>{t("more", { shown: limit, total: shown.length })}</Button>
      ) : null}
    </>
  );
}

"use client";
import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { CurrentPlan } from "./current-plan";
import { day } from "./format";
import { InvoiceList } from "./invoice-list";
import { QuotaBars } from "./quota-bars";
import { TierGrid } from "./tier-grid";

const POLL_MS = 30_000;


type Checkout = "success" | "canceled" | null;

/** Current plan, status, renewal, quota bars, the plans side by side and the invoices. */
export function BillingPanel({ tenantId, checkout }: { tenantId: string; checkout: Checkout }) {
  const trpc = useTRPC();
  const t = useTranslations("billing");
  const locale = useLocale();
  const errorText = useErrorText();
  /** After a move to a smaller plan nothing is switched off for you: say what to do. */
  const over = (used: number, limit: number | null | undefined, what: "overGroups" | "overBots") =>
    limit != null && used > limit ? t("over", { count: used - limit, what: t(what) }) : undefined;
  // Back from Checkout the webhook may still be on its way: look again for a little while.
  const [pollUntil, setPollUntil] = useState(() => (checkout === "success" ? Date.now() + POLL_MS : 0));
  const { data: b } = useSuspenseQuery({ ...trpc.billing.get.queryOptions({ tenantId }), refetchInterval: () => (Date.now() < pollUntil ? 2_000 : false) });
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(checkout === "canceled" ? t("canceled") : null);
  const change = useMutation(trpc.billing.changePlan.mutationOptions({
    onSuccess: (r, v) => {
      if (r.kind === "checkout") return window.location.assign(r.url);
      const tier = b.tiers.find((x) => x.key === v.tierKey);
      setNote(tier && tier.priceMonthlyMinor === 0 ? t("endsThen", { name: tier.name }) : t("requested", { name: tier?.name ?? v.tierKey }));
      setPollUntil(Date.now() + POLL_MS);
    },
    onError: (e) => setError(errorText(e)),
  }));
  return (
    <>
      <PageHeader title={t("title")} description={b.canManage ? t("descriptionManage") : t("descriptionRead")} />
      <div className="grid gap-4">
        {checkout === "success" ? <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{t("paid")}</p> : null}
        {note ? <p role="status" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">{note}</p> : null}
        <ErrorNote message={error} />
        {b.status === "PAST_DUE" && b.graceEndsAt ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
            {t("pastDue")} {new Date(b.graceEndsAt) > new Date() ? t("graceUntil", { date: day(locale, b.graceEndsAt) }) : t("graceOver")} {t("updateCard")}
          </p>
        ) : null}
        <div className="grid gap-4 lg:grid-cols-2">
          <CurrentPlan tenantId={tenantId} b={b} onError={setError} />
          <QuotaBars quotas={[
            { id: "Messages", label: t("quota.messages"), used: b.usage.messages, limit: b.tier?.monthlyMessages ?? null, note: t("quota.startsOver", { date: day(locale, b.usage.monthEndsAt) }), blocks: true },
            { id: "Groups", label: t("quota.groups"), used: b.usage.groups, limit: b.tier?.maxGroups ?? null, note: over(b.usage.groups, b.tier?.maxGroups, "overGroups") },
            { id: "Bots", label: t("quota.bots"), used: b.usage.agents, limit: b.tier?.maxAgents ?? null, note: over(b.usage.agents, b.tier?.maxAgents, "overBots") },
          ]} />
        </div>
        <h2 className="mt-2 text-lg font-semibold">{t("plans")}</h2>
        <TierGrid tiers={b.tiers} currentKey={b.tier?.key ?? null} canManage={b.canManage} pending={change.isPending ? (change.variables?.tierKey ?? null) : null} onChoose={(tierKey) => { setError(null); change.mutate({ tenantId, tierKey }); }} />
        <InvoiceList tenantId={tenantId} />
      </div>
    </>
  );
}

"use client";
import type { RouterOutputs } from "@baas/api";
import { useMutation } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useErrorText } from "~/components/app/use-error-text";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { day, families, money } from "./format";

type Billing = RouterOutputs["billing"]["get"];

const TONE = { ACTIVE: "green", TRIALING: "blue", PAST_DUE: "red", CANCELED: "gray", INCOMPLETE: "amber" } as const;

function useRenewal() {
  const t = useTranslations("billing.current");
  const locale = useLocale();
  return (b: Billing): string => {
    if (b.paidThroughStripe) return b.cancelAtPeriodEnd ? t("endsOn", { date: day(locale, b.renewsAt) }) : t("renewsOn", { date: day(locale, b.renewsAt) });
    return b.tier && b.tier.priceMonthlyMinor > 0 ? t("granted") : t("freePlan");
  };
}

/** The plan in force: status, renewal, credits left (and buying more), the customer portal. Both actions leave for Stripe. */
export function CurrentPlan({ tenantId, b, onError }: { tenantId: string; b: Billing; onError: (message: string) => void }) {
  const trpc = useTRPC();
  const t = useTranslations("billing");
  const locale = useLocale();
  const format = useFormatter();
  const renewal = useRenewal();
  const errorText = useErrorText();
  const leave = { onSuccess: (r: { url: string }) => window.location.assign(r.url), onError: (e: Parameters<typeof errorText>[0]) => onError(errorText(e) ?? "") };
  const credits = useMutation(trpc.billing.buyCredits.mutationOptions(leave));
  const portal = useMutation(trpc.billing.portal.mutationOptions(leave));
  const creditFamilies = families(b.tier?.creditModels ?? []).filter((f) => !families(b.tier?.allowedModels ?? []).includes(f));
  const tone = TONE[b.status];
  return (
    <Card className="grid content-start gap-2" data-testid="current-plan">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-lg font-semibold">{b.tier?.name ?? t("current.noPlan")}</h2>
        <Badge tone={tone}>{t(`current.status.${b.status}`)}</Badge>
      </div>
      <p className="text-sm text-slate-600">{t("current.models", { list: families(b.tier?.allowedModels ?? []).join(", ") || t("current.none") })}</p>
      <p className="text-sm text-slate-600">{renewal(b)}</p>
      {creditFamilies.length ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="credits">
          <span>{t.rich("current.credits", { families: creditFamilies.join(", "), count: format.number(b.credits.balance), b: (c) => <strong>{c}</strong> })}</span>
          {b.canManage ? <Button size="sm" disabled={credits.isPending} onClick={() => credits.mutate({ tenantId })}>{t("current.buy", { count: format.number(b.credits.pack.credits), price: money(locale, b.credits.pack.priceMinor, b.tier?.currency ?? "BRL", t("free")) })}</Button> : null}
        </div>
      ) : null}
      {b.canManage && b.hasCustomer ? (
        <div><Button variant="secondary" size="sm" disabled={portal.isPending} onClick={() => portal.mutate({ tenantId })}>{t("current.portal")}</Button></div>
      ) : null}
    </Card>
  );
}

"use client";
import type { RouterOutputs } from "@baas/api";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/misc";
import { cn } from "~/components/ui/cn";
import { families, money } from "./format";

/** A plan as billing.get lists it: the router's own type, not a copy of the seed's. */
export type TierView = RouterOutputs["billing"]["get"]["tiers"][number];

function useFeatures() {
  const tr = useTranslations("billing.tier");
  return (t: TierView): string[] => {
    const credit = families(t.creditModels).filter((f) => !families(t.allowedModels).includes(f));
    return [
      `${families(t.allowedModels).join(", ") || tr("noModels")}${credit.length ? `; ${tr("onCredits", { list: credit.join(", ") })}` : ""}`,
      t.monthlyMessages === null ? tr("unlimitedMessages") : tr("messagesMonth", { count: t.monthlyMessages }),
      t.maxGroups === null ? tr("unlimitedGroups") : tr("groups", { count: t.maxGroups }),
      t.maxAgents === null ? tr("unlimitedBots") : tr("bots", { count: t.maxAgents }),
      t.branding ? tr("branding") : tr("noBranding"),
      ...(t.prioritySupport ? [tr("priority")] : []),
      ...(t.apiAccess ? [tr("api")] : []),
    ];
  };
}

/** The plans side by side; owners pick one (Checkout, or a change to the running subscription). */
export function TierGrid({ tiers, currentKey, canManage, pending, onChoose }: { tiers: TierView[]; currentKey: string | null; canManage: boolean; pending: string | null; onChoose: (key: string) => void }) {
  const rank = tiers.findIndex((t) => t.key === currentKey);
  const tr = useTranslations("billing");
  const locale = useLocale();
  const features = useFeatures();
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {tiers.map((t, i) => {
        const current = t.key === currentKey;
        return (
          <Card key={t.key} data-testid={`tier-${t.key}`} className={cn("flex flex-col gap-3", current && "border-brand-600 ring-1 ring-brand-600")}>
            <div className="flex items-center justify-between gap-2">
              <h3 className="font-semibold">{t.name}</h3>
              {current ? <Badge tone="blue">{tr("tier.current")}</Badge> : null}
            </div>
            <p className="text-2xl font-semibold">{money(locale, t.priceMonthlyMinor, t.currency, tr("free"))}{t.priceMonthlyMinor ? <span className="text-sm font-normal text-slate-500"> {tr("tier.perMonth")}</span> : null}</p>
            <ul className="flex-1 space-y-1 text-sm text-slate-700">
              {features(t).map((f) => <li key={f}>{f}</li>)}
            </ul>
            {canManage && !current ? (
              <Button variant={i > rank ? "primary" : "secondary"} disabled={pending !== null} onClick={() => onChoose(t.key)}>
                {pending === t.key ? tr("tier.opening") : i > rank ? tr("tier.upgrade", { name: t.name }) : tr("tier.move", { name: t.name })}
              </Button>
            ) : null}
          </Card>
        );
      })}
    </div>
  );
}

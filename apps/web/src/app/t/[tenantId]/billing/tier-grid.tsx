import type { RouterOutputs } from "@baas/api";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/misc";
import { cn } from "~/components/ui/cn";
import { families, limit, money } from "./format";

/** A plan as billing.get lists it: the router's own type, not a copy of the seed's. */
export type TierView = RouterOutputs["billing"]["get"]["tiers"][number];

function features(t: TierView): string[] {
  const credit = families(t.creditModels).filter((f) => !families(t.allowedModels).includes(f));
  return [
    `${families(t.allowedModels).join(", ") || "No models"}${credit.length ? `; ${credit.join(", ")} on credits` : ""}`,
    `${limit(t.monthlyMessages, "messages")} a month`,
    limit(t.maxGroups, t.maxGroups === 1 ? "group" : "groups"),
    limit(t.maxAgents, t.maxAgents === 1 ? "bot" : "bots"),
    t.branding ? "BaaS branding on replies" : "No BaaS branding",
    ...(t.prioritySupport ? ["Priority support"] : []),
    ...(t.apiAccess ? ["API access"] : []),
  ];
}

/** The plans side by side; owners pick one (Checkout, or a change to the running subscription). */
export function TierGrid({ tiers, currentKey, canManage, pending, onChoose }: { tiers: TierView[]; currentKey: string | null; canManage: boolean; pending: string | null; onChoose: (key: string) => void }) {
  const rank = tiers.findIndex((t) => t.key === currentKey);
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {tiers.map((t, i) => {
        const current = t.key === currentKey;
        return (
          <Card key={t.key} data-testid={`tier-${t.key}`} className={cn("flex flex-col gap-3", current && "border-brand-600 ring-1 ring-brand-600")}>
            <div className="flex items-center justify-between gap-2">
              <h3 className="font-semibold">{t.name}</h3>
              {current ? <Badge tone="blue">Current plan</Badge> : null}
            </div>
            <p className="text-2xl font-semibold">{money(t.priceMonthlyMinor, t.currency)}{t.priceMonthlyMinor ? <span className="text-sm font-normal text-slate-500"> / month</span> : null}</p>
            <ul className="flex-1 space-y-1 text-sm text-slate-700">
              {features(t).map((f) => <li key={f}>{f}</li>)}
            </ul>
            {canManage && !current ? (
              <Button variant={i > rank ? "primary" : "secondary"} disabled={pending !== null} onClick={() => onChoose(t.key)}>
                {pending === t.key ? "Opening…" : i > rank ? `Upgrade to ${t.name}` : `Move to ${t.name}`}
              </Button>
            ) : null}
          </Card>
        );
      })}
    </div>
  );
}

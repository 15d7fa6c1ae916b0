"use client";
import type { RouterOutputs } from "@baas/api";
import { useMutation } from "@tanstack/react-query";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { day, families, money } from "./format";

type Billing = RouterOutputs["billing"]["get"];

const STATUS = {
  ACTIVE: ["Active", "green"], TRIALING: ["Trial", "blue"], PAST_DUE: ["Past due", "red"], CANCELED: ["Canceled", "gray"], INCOMPLETE: ["Awaiting payment", "amber"],
} as const;

function renewal(b: Billing): string {
  if (b.paidThroughStripe) return b.cancelAtPeriodEnd ? `Ends on ${day(b.renewsAt)}, then Starter` : `Renews on ${day(b.renewsAt)}`;
  return b.tier && b.tier.priceMonthlyMinor > 0 ? "Granted by the operator, not billed through Stripe" : "Free plan: no card needed";
}

/** The plan in force: status, renewal, credits left (and buying more), the customer portal. Both actions leave for Stripe. */
export function CurrentPlan({ tenantId, b, onError }: { tenantId: string; b: Billing; onError: (message: string) => void }) {
  const trpc = useTRPC();
  const leave = { onSuccess: (r: { url: string }) => window.location.assign(r.url), onError: (e: { message: string }) => onError(e.message) };
  const credits = useMutation(trpc.billing.buyCredits.mutationOptions(leave));
  const portal = useMutation(trpc.billing.portal.mutationOptions(leave));
  const creditFamilies = families(b.tier?.creditModels ?? []).filter((f) => !families(b.tier?.allowedModels ?? []).includes(f));
  const [label, tone] = STATUS[b.status];
  return (
    <Card className="grid content-start gap-2" data-testid="current-plan">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-lg font-semibold">{b.tier?.name ?? "No plan"}</h2>
        <Badge tone={tone}>{label}</Badge>
      </div>
      <p className="text-sm text-slate-600">Models: {families(b.tier?.allowedModels ?? []).join(", ") || "none"}</p>
      <p className="text-sm text-slate-600">{renewal(b)}</p>
      {creditFamilies.length ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="credits">
          <span>{creditFamilies.join(", ")} credits: <strong>{b.credits.balance.toLocaleString("en-US")}</strong> calls left</span>
          {b.canManage ? <Button size="sm" disabled={credits.isPending} onClick={() => credits.mutate({ tenantId })}>Buy {b.credits.pack.credits} for {money(b.credits.pack.priceMinor, b.tier?.currency ?? "BRL")}</Button> : null}
        </div>
      ) : null}
      {b.canManage && b.hasCustomer ? (
        <div><Button variant="secondary" size="sm" disabled={portal.isPending} onClick={() => portal.mutate({ tenantId })}>Manage card and invoices</Button></div>
      ) : null}
    </Card>
  );
}

"use client";
import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { CurrentPlan } from "./current-plan";
import { day } from "./format";
import { InvoiceList } from "./invoice-list";
import { QuotaBars } from "./quota-bars";
import { TierGrid } from "./tier-grid";

const POLL_MS = 30_000;

/** After a move to a smaller plan nothing is switched off for you: say what to do. */
const over = (used: number, limit: number | null | undefined, what: string) =>
  limit != null && used > limit ? `${used - limit} more ${what} on than the plan allows: new ones are refused until you turn some off.` : undefined;

type Checkout = "success" | "canceled" | null;

/** Current plan, status, renewal, quota bars, the plans side by side and the invoices. */
export function BillingPanel({ tenantId, checkout }: { tenantId: string; checkout: Checkout }) {
  const trpc = useTRPC();
  // Back from Checkout the webhook may still be on its way: look again for a little while.
  const [pollUntil, setPollUntil] = useState(() => (checkout === "success" ? Date.now() + POLL_MS : 0));
  const { data: b } = useSuspenseQuery({ ...trpc.billing.get.queryOptions({ tenantId }), refetchInterval: () => (Date.now() < pollUntil ? 2_000 : false) });
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(checkout === "canceled" ? "Checkout was canceled; nothing changed." : null);
  const change = useMutation(trpc.billing.changePlan.mutationOptions({
    onSuccess: (r) => (r.kind === "checkout" ? window.location.assign(r.url) : (setNote(r.message), setPollUntil(Date.now() + POLL_MS))),
    onError: (e) => setError(e.message),
  }));
  return (
    <>
      <PageHeader title="Billing" description={b.canManage ? "Your plan decides which models your bots may use and how many messages, groups and bots you have." : "Only owners can change the plan; you can see it."} />
      <div className="grid gap-4">
        {checkout === "success" ? <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">Payment received. Thank you!</p> : null}
        {note ? <p role="status" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">{note}</p> : null}
        <ErrorNote message={error} />
        {b.status === "PAST_DUE" && b.graceEndsAt ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
            The last payment failed. {new Date(b.graceEndsAt) > new Date() ? `Your plan stays until ${day(b.graceEndsAt)}; then you move to Starter.` : "The grace period has ended: you are on Starter until the payment goes through."} Update the card in the customer portal.
          </p>
        ) : null}
        <div className="grid gap-4 lg:grid-cols-2">
          <CurrentPlan tenantId={tenantId} b={b} onError={setError} />
          <QuotaBars quotas={[
            { label: "Messages", used: b.usage.messages, limit: b.tier?.monthlyMessages ?? null, note: `Starts over on ${day(b.usage.monthEndsAt)}`, blocks: true },
            { label: "Groups", used: b.usage.groups, limit: b.tier?.maxGroups ?? null, note: over(b.usage.groups, b.tier?.maxGroups, "groups") },
            { label: "Bots", used: b.usage.agents, limit: b.tier?.maxAgents ?? null, note: over(b.usage.agents, b.tier?.maxAgents, "bots") },
          ]} />
        </div>
        <h2 className="mt-2 text-lg font-semibold">Plans</h2>
        <TierGrid tiers={b.tiers} currentKey={b.tier?.key ?? null} canManage={b.canManage} pending={change.isPending ? (change.variables?.tierKey ?? null) : null} onChoose={(tierKey) => { setError(null); change.mutate({ tenantId, tierKey }); }} />
        <InvoiceList tenantId={tenantId} />
      </div>
    </>
  );
}

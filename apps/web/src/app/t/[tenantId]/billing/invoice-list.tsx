"use client";
import { useQuery } from "@tanstack/react-query";
import { Card } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { day, money } from "./format";

/** Invoices straight from Stripe; a Stripe outage leaves the rest of the page working. */
export function InvoiceList({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const { data, error, isPending } = useQuery(trpc.billing.invoices.queryOptions({ tenantId }));
  return (
    <Card>
      <h2 className="mb-2 font-semibold">Invoices</h2>
      {isPending ? <p className="text-sm text-slate-500">Loading…</p> : null}
      {error ? <p className="text-sm text-red-700">Invoices are not available right now: {error.message}</p> : null}
      {data?.length === 0 ? <p className="text-sm text-slate-500">No invoices yet.</p> : null}
      <ul className="divide-y divide-slate-100 text-sm" data-testid="invoices">
        {data?.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span className="min-w-0 truncate">{day(i.createdAt)} · {i.number ?? i.id}</span>
            <span className="flex items-center gap-3">
              <span>{money(i.amountMinor, i.currency)} · {i.status}</span>
              {i.url ? <a className="text-brand-700 underline" href={i.url} target="_blank" rel="noreferrer">View</a> : null}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

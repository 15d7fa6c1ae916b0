"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { RangeInput } from "@baas/api/schemas";
import { PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { DataTable } from "../data-table";
import { ExportButtons } from "../export-buttons";
import type { ScreenTable } from "../export";
import { major, rangeQuery, when } from "../format";

/** The single calls of one session: time, model, tokens, cost, account, fallback path, latency, status. */
export function CallsPanel({ tenantId, range, sessionKey }: { tenantId: string; range: RangeInput; sessionKey: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.analytics.calls.queryOptions({ tenantId, ...range, sessionKey }));
  const c = data.tenant.currency;
  const table: ScreenTable = {
    id: "calls", title: `Calls of ${sessionKey}, ${data.from} to ${data.to}`,
    columns: ["Time (UTC)", "Model", "In", "Out", "Cache r", "Cache w", `Cost (${c})`, "Cash (USD)", "Account", "Fallback path", "Latency ms", "TTFT ms", "Status"],
    rows: data.calls.map((x) => [
      when(x.occurredAt), x.model, x.inputTokens, x.outputTokens, x.cacheReadTokens, x.cacheWriteTokens, major(x.costTenantMicros), major(x.costCashUsdMicros),
      x.account, x.fallbackPath.join(" → "), x.latencyMs, x.ttftMs, x.errorCode ? `${x.status} ${x.errorCode}` : x.status,
    ]),
  };
  const first = data.calls[0];
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link className="text-brand-700 underline" href={`/t/${tenantId}/usage?${rangeQuery(range)}`}>← Usage</Link>
        {first?.channelId ? <> · <Link className="text-brand-700 underline" href={`/t/${tenantId}/usage/channel/${first.channelId}?${rangeQuery(range)}`}>{first.channel}</Link></> : null}
      </nav>
      <PageHeader title="Session calls" description={`${sessionKey}: newest first (up to 200).`} actions={<ExportButtons name={`calls-${data.from}-${data.to}`} meta={{ sessionKey, from: data.from, to: data.to }} tables={[table]} />} />
      <DataTable table={table} formats={["text", "text", "int", "int", "int", "int", "money", "money", "text", "text", "int", "int", "text"]} empty="No calls of this session in this range." dense />
    </>
  );
}

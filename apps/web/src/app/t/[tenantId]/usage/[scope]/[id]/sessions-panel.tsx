"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { RangeInput } from "@baas/api/schemas";
import { PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { DataTable } from "../../data-table";
import { ExportButtons } from "../../export-buttons";
import type { ScreenTable } from "../../export";
import { major, rangeQuery, when } from "../../format";
import { RangePicker } from "../../range-picker";

/** A channel's or agent's sessions in the window; each links to its single calls. */
export function SessionsPanel({ tenantId, range, scope, id }: { tenantId: string; range: RangeInput; scope: "agent" | "channel"; id: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.analytics.sessions.queryOptions({ tenantId, ...range, scope, id }));
  const c = data.tenant.currency;
  const q = rangeQuery(range);
  const table: ScreenTable = {
    id: "sessions", title: `Sessions of ${data.label}, ${data.from} to ${data.to}`,
    columns: ["Session", `Cost (${c})`, "List (USD)", "Calls", "Errors", "Tokens", "First call (UTC)", "Last call (UTC)"],
    rows: data.sessions.map((s) => [s.sessionKey || "(no session)", major(s.costTenantMicros), major(s.costUsdMicros), s.calls, s.errors, s.tokens, when(s.firstAt), when(s.lastAt)]),
  };
  return (
    <>
      <nav className="mb-2 text-sm"><Link className="text-brand-700 underline" href={`/t/${tenantId}/usage?${q}`}>← Usage</Link></nav>
      <PageHeader title={data.label} description={`${scope === "agent" ? "Agent" : "Group or DM"}: its sessions, newest first (up to 200).`} actions={<ExportButtons name={`sessions-${data.from}-${data.to}`} meta={{ scope, label: data.label, from: data.from, to: data.to }} tables={[table]} />} />
      <div className="mb-4"><RangePicker range={range.range} from={range.from} to={range.to} /></div>
      <DataTable table={table} formats={["text", "money", "money", "int", "int", "int", "text", "text"]} links={data.sessions.map((s) => (s.sessionKey ? `/t/${tenantId}/usage/session?key=${encodeURIComponent(s.sessionKey)}&${q}` : null))} empty="No sessions in this range." />
    </>
  );
}

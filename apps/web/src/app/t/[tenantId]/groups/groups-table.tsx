"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { createColumnHelper, flexRender, getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import { mentionPatternSchema } from "@baas/api/schemas";
import { useMemo, useState } from "react";
import type { RouterOutputs } from "@baas/api";
import { Input, Select } from "~/components/ui/input";
import { ErrorNote, PageHeader } from "~/components/ui/misc";
import { Switch } from "~/components/ui/switch";
import { TagInput } from "~/components/ui/tag-input";
import { useTRPC } from "~/trpc/react";
import { useChannelUpdate } from "./use-channel-update";

type Row = RouterOutputs["channel"]["list"][number];
const col = createColumnHelper<Row>();
const POLICY_OPTIONS = [["OPEN", "Open"], ["ALLOWLIST", "Allowlist"], ["BLOCKED", "Blocked"]] as const;

export function GroupsTable({ tenantId, policies }: { tenantId: string; policies?: React.ReactNode }) {
  const trpc = useTRPC();
  const { data: channels } = useSuspenseQuery(trpc.channel.list.queryOptions({ tenantId }));
  const { data: models } = useSuspenseQuery(trpc.agent.models.queryOptions({ tenantId }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canEdit = tenant.myRole === "OWNER" || tenant.myRole === "ADMIN";
  const [error, setError] = useState<string | null>(null);
  const update = useChannelUpdate(tenantId, setError);
  const [sorting, setSorting] = useState<SortingState>([{ id: "name", desc: false }]);
  const [filter, setFilter] = useState("");
  const save = (channelId: string, patch: Omit<Parameters<typeof update.mutate>[0], "tenantId" | "channelId">) => {
    setError(null);
    update.mutate({ tenantId, channelId, ...patch });
  };
  const columns = useMemo(
    () => [
      col.accessor((r) => r.name ?? r.externalId, {
        id: "name",
        header: "Group",
        cell: (c) => (
          <div className="min-w-40">
            <p className="font-medium">{c.getValue()}</p>
            <p className="truncate text-xs text-slate-500">{c.row.original.provider} · {c.row.original.peerKind.toLowerCase()} · {c.row.original.externalId}</p>
          </div>
        ),
      }),
      col.accessor((r) => r.bindings[0]?.agent.name ?? "", { id: "agent", header: "Agent", cell: (c) => c.getValue() || <span className="text-amber-700">unbound</span> }),
      col.accessor("requireMention", {
        header: "Require mention",
        cell: (c) => <Switch aria-label={`Require mention in ${c.row.original.name ?? c.row.original.externalId}`} disabled={!canEdit} checked={c.getValue()} onCheckedChange={(v) => save(c.row.original.id, { requireMention: v })} />,
      }),
      col.accessor((r) => r.modelOverride ?? "", {
        id: "model",
        header: "Model",
        cell: (c) => (
          <Select aria-label={`Model for ${c.row.original.name ?? c.row.original.externalId}`} className="h-9 min-w-36" disabled={!canEdit} value={c.getValue()} onChange={(e) => save(c.row.original.id, { modelOverride: e.target.value || null })}>
            <option value="">Agent default</option>
            {models.map((m) => <option key={m.model} value={m.model}>{m.displayName}</option>)}
          </Select>
        ),
      }),
      col.accessor("mentionPatterns", {
        header: "Mention patterns",
        enableSorting: false,
        cell: (c) => (
          <div className="min-w-48">
            <TagInput id={`mp-${c.row.original.id}`} label={`Mention patterns for ${c.row.original.name ?? c.row.original.externalId}`} placeholder="@bot" disabled={!canEdit} value={c.getValue()}
              validate={(tag) => mentionPatternSchema.safeParse(tag).error?.issues[0]?.message ?? null}
              onChange={(next) => save(c.row.original.id, { mentionPatterns: next })} />
          </div>
        ),
      }),
      col.accessor("policy", {
        header: "Policy",
        cell: (c) => (
          <Select aria-label={`Policy for ${c.row.original.name ?? c.row.original.externalId}`} className="h-9 min-w-28" disabled={!canEdit} value={c.getValue()} onChange={(e) => save(c.row.original.id, { policy: e.target.value as Row["policy"] })}>
            {POLICY_OPTIONS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </Select>
        ),
      }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [models, canEdit],
  );
  const table = useReactTable({ data: channels, columns, state: { sorting, globalFilter: filter }, onSortingChange: setSorting, onGlobalFilterChange: setFilter,
    globalFilterFn: (row, _id, value: string) => `${row.original.name ?? ""} ${row.original.externalId} ${row.original.bindings[0]?.agent.name ?? ""}`.toLowerCase().includes(value.toLowerCase()),
    getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel(), getFilteredRowModel: getFilteredRowModel() });
  return (
    <>
      <PageHeader title="Groups" description="WhatsApp groups and other chats your instances reported. Changes become a new config revision." />
      {policies}
      <div className="mb-3 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <Input type="search" aria-label="Search groups" placeholder="Search groups or agents…" value={filter} onChange={(e) => setFilter(e.target.value)} className="sm:max-w-xs" />
        <p className="text-sm text-slate-500">{table.getRowModel().rows.length} of {channels.length} groups</p>
      </div>
      <ErrorNote message={error} />
      <ul className="mt-2 space-y-3 md:hidden" aria-label="Groups">
        {table.getRowModel().rows.map((r) => (
          <li key={r.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-3">
            {r.getVisibleCells().map((c, i) => (
              <div key={c.id} className={i === 0 ? "" : "flex items-center justify-between gap-3"}>
                {i === 0 ? null : <span className="text-xs font-medium text-slate-500">{String(c.column.columnDef.header)}</span>}
                <div className={i === 0 ? "" : "min-w-0 max-w-[65%]"}>{flexRender(c.column.columnDef.cell, c.getContext())}</div>
              </div>
            ))}
          </li>
        ))}
      </ul>
      <div className="mt-2 hidden overflow-x-auto rounded-lg border border-slate-200 bg-white md:block">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => (
                  <th key={h.id} scope="col" className="whitespace-nowrap px-3 py-2 text-left font-medium text-slate-600" aria-sort={h.column.getIsSorted() === "asc" ? "ascending" : h.column.getIsSorted() === "desc" ? "descending" : undefined}>
                    {h.column.getCanSort() ? (
                      <button type="button" className="inline-flex items-center gap-1 hover:text-slate-900" onClick={h.column.getToggleSortingHandler()}>
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        <span aria-hidden>{{ asc: "▲", desc: "▼" }[h.column.getIsSorted() as string] ?? "↕"}</span>
                      </button>
                    ) : flexRender(h.column.columnDef.header, h.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((r) => (
              <tr key={r.id} data-testid={`group-row-${r.original.externalId}`}>
                {r.getVisibleCells().map((c) => <td key={c.id} className="px-3 py-2 align-middle">{flexRender(c.column.columnDef.cell, c.getContext())}</td>)}
              </tr>
            ))}
            {table.getRowModel().rows.length === 0 ? <tr><td colSpan={6} className="px-3 py-6 text-center text-slate-500">No groups match.</td></tr> : null}
          </tbody>
        </table>
      </div>
    </>
  );
}

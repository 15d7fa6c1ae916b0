"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Select } from "~/components/ui/input";
import { Badge, Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";
import { ALERT_LABEL, severityTone } from "./alert-labels";

type Status = "open" | "acknowledged" | "all";
const KINDS = ["BUDGET_THRESHOLD", "HOLD_EXCEEDED", "USAGE_DEAD_LETTER", "ACCOUNT_DISABLED", "ACCOUNT_COOLDOWN", "INSTANCE_OFFLINE", "CONFIG_FAILED", "ERROR_RATE", "COST_ANOMALY"] as const;
type Kind = (typeof KINDS)[number];
const when = (d: Date | string) => new Date(d).toISOString().slice(0, 16).replace("T", " ");

export function AlertsPanel({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [status, setStatus] = useState<Status>("open");
  const [kind, setKind] = useState<Kind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { data: alerts } = useSuspenseQuery(trpc.alert.list.queryOptions({ tenantId, status, kind }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canAck = tenant.myRole === "ADMIN" || tenant.myRole === "OWNER";
  const ack = useMutation(
    trpc.alert.acknowledge.mutationOptions({
      onError: (e) => setError(e.message),
      onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: trpc.alert.list.pathKey() }), qc.invalidateQueries({ queryKey: trpc.alert.openCount.queryKey({ tenantId }) })]),
    }),
  );
  const open = alerts.filter((a) => !a.acknowledgedAt);
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Budget thresholds, calls over their limit and usage that could not be stored, newest first."
        actions={canAck && open.length > 1 ? <Button variant="secondary" disabled={ack.isPending} onClick={() => ack.mutate({ tenantId, alertIds: open.map((a) => a.id) })}>Acknowledge all shown</Button> : null}
      />
      <div className="mb-4 flex flex-wrap gap-3">
        <label className="flex items-center gap-2 text-sm">
          Show
          <Select aria-label="Status" className="w-40" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            <option value="open">Open</option>
            <option value="acknowledged">Acknowledged</option>
            <option value="all">All</option>
          </Select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          Kind
          <Select aria-label="Kind" className="w-48" value={kind ?? ""} onChange={(e) => setKind((e.target.value || null) as Kind | null)}>
            <option value="">Every kind</option>
            {KINDS.map((k) => <option key={k} value={k}>{ALERT_LABEL[k]}</option>)}
          </Select>
        </label>
      </div>
      <ErrorNote message={error} />
      {alerts.length === 0 ? <p className="text-sm text-slate-500">{status === "open" ? "Nothing needs attention." : "No alerts."}</p> : null}
      <ul className="space-y-2" aria-label="Alerts">
        {alerts.map((a) => (
          <li key={a.id}>
            <Card className="flex flex-wrap items-start gap-3 p-3" data-testid={`alert-row-${a.kind}`}>
              <Badge tone={a.acknowledgedAt ? "gray" : severityTone(a.severity)}>{ALERT_LABEL[a.kind] ?? a.kind}</Badge>
              <div className="min-w-0 flex-1 text-sm">
                <p className="break-words">{a.message}</p>
                <p className="text-xs text-slate-500">
                  {when(a.createdAt)}
                  {a.budget ? ` · budget ${a.budget.name}` : ""}
                  {a.acknowledgedAt ? ` · acknowledged ${when(a.acknowledgedAt)}${a.acknowledgedByEmail ? ` by ${a.acknowledgedByEmail}` : ""}` : ""}
                </p>
              </div>
              {canAck && !a.acknowledgedAt ? <Button size="sm" variant="secondary" disabled={ack.isPending} onClick={() => ack.mutate({ tenantId, alertIds: [a.id] })}>Acknowledge</Button> : null}
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}

"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { rateLimitFieldsSchema, type RateLimitFieldsInput } from "@baas/api/schemas";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyServerError } from "~/components/app/server-errors";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input, Select } from "~/components/ui/input";
import { Card, ErrorNote } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

const FIELDS = ["scope", "agentId", "window", "maxRequests", "maxTokens"] as const;
const PER = { MINUTE: "minute", HOUR: "hour", DAY: "day" } as const;
const plural = (n: number, what: string) => `${n.toLocaleString("en")} ${what}${n === 1 ? "" : "s"}`;
const num = (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v));

/** Requests and tokens per minute, hour or day, for the team or one agent. */
export function RateLimits({ tenantId, canEdit, agents }: { tenantId: string; canEdit: boolean; agents: { id: string; label: string }[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { data: rules } = useSuspenseQuery(trpc.rateLimit.list.queryOptions({ tenantId }));
  const [formError, setFormError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.rateLimit.list.queryKey({ tenantId }) });
  const form = useForm<RateLimitFieldsInput>({ resolver: zodResolver(rateLimitFieldsSchema) as never, mode: "onChange", defaultValues: { scope: "TENANT", agentId: null, window: "MINUTE", maxRequests: null, maxTokens: null } });
  const create = useMutation(trpc.rateLimit.create.mutationOptions({ onSuccess: () => form.reset(), onError: (e) => setFormError(applyServerError(e, form.setError, FIELDS)), onSettled: refresh }));
  const remove = useMutation(trpc.rateLimit.delete.mutationOptions({ onError: (e) => setFormError(e.message), onSettled: refresh }));
  const e = form.formState.errors;
  const scope = form.watch("scope");
  const aria = (name: (typeof FIELDS)[number]) => ({ id: `rate-${name}`, "aria-invalid": Boolean(e[name]), "aria-describedby": e[name] ? `rate-${name}-error` : undefined });
  return (
    <section aria-labelledby="rate-limits-title" className="mt-8">
      <h2 id="rate-limits-title" className="mb-2 font-medium">Rate limits</h2>
      <ul className="mb-3 space-y-2" aria-label="Rate limits">
        {rules.length === 0 ? <li className="text-sm text-slate-500">No rate limits.</li> : null}
        {rules.map((r) => (
          <li key={r.id}>
            <Card className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm" data-testid={`rate-${r.label}`}>
              <span>
                <span className="font-medium">{r.label}</span>: {[r.maxRequests !== null ? plural(r.maxRequests, "request") : null, r.maxTokens !== null ? plural(r.maxTokens, "token") : null].filter(Boolean).join(" and ")} per {PER[r.window as keyof typeof PER]}
              </span>
              {canEdit ? <Button size="sm" variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ tenantId, ruleId: r.id })}>Remove</Button> : null}
            </Card>
          </li>
        ))}
      </ul>
      {canEdit ? (
        <Card>
          <form noValidate aria-label="New rate limit" className="grid gap-3 sm:grid-cols-5 sm:items-end" onSubmit={form.handleSubmit((v) => { setFormError(null); create.mutate({ tenantId, ...v } as never); })}>
            <Field id="rate-scope" label="For" error={e.scope?.message}>
              <Select {...aria("scope")} {...form.register("scope")}>
                <option value="TENANT">The whole team</option>
                <option value="AGENT">One agent</option>
              </Select>
            </Field>
            {scope === "AGENT" ? (
              <Field id="rate-agentId" label="Agent" error={e.agentId?.message}>
                <Select {...aria("agentId")} {...form.register("agentId", { setValueAs: (v) => (v ? String(v) : null) })}>
                  <option value="">Pick an agent…</option>
                  {agents.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
                </Select>
              </Field>
            ) : null}
            <Field id="rate-window" label="Per" error={e.window?.message}>
              <Select {...aria("window")} {...form.register("window")}>
                <option value="MINUTE">Minute</option>
                <option value="HOUR">Hour</option>
                <option value="DAY">Day</option>
              </Select>
            </Field>
            <Field id="rate-maxRequests" label="Max requests" error={e.maxRequests?.message}>
              <Input {...aria("maxRequests")} type="number" min="1" step="1" {...form.register("maxRequests", { setValueAs: num })} />
            </Field>
            <Field id="rate-maxTokens" label="Max tokens" error={e.maxTokens?.message}>
              <Input {...aria("maxTokens")} type="number" min="1" step="1" {...form.register("maxTokens", { setValueAs: num })} />
            </Field>
            <div className="sm:col-span-5">
              <ErrorNote message={formError} />
              <Button type="submit" disabled={create.isPending}>Add limit</Button>
            </div>
          </form>
        </Card>
      ) : null}
    </section>
  );
}

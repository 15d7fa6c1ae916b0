"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import * as Dialog from "@radix-ui/react-dialog";
import { inviteSchema } from "@baas/api/schemas";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input, Select } from "~/components/ui/input";
import { Badge, Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

const ROLES = [["OWNER", "Owner"], ["ADMIN", "Admin"], ["MEMBER", "Member"], ["VIEWER", "Viewer"]] as const;
type RoleKey = (typeof ROLES)[number][0];

export function MembersPanel({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { data: members } = useSuspenseQuery(trpc.member.list.queryOptions({ tenantId }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canManage = tenant.myRole === "OWNER" || tenant.myRole === "ADMIN";
  const invitations = useQuery({ ...trpc.invitation.list.queryOptions({ tenantId }), enabled: canManage });
  const [error, setError] = useState<string | null>(null);
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: trpc.member.list.queryKey({ tenantId }) }), qc.invalidateQueries({ queryKey: trpc.invitation.list.queryKey({ tenantId }) })]);
  const onError = (e: { message: string }) => setError(e.message);
  const changeRole = useMutation(trpc.member.changeRole.mutationOptions({ onSettled: refresh, onError }));
  const remove = useMutation(trpc.member.remove.mutationOptions({ onSettled: refresh, onError }));
  const revoke = useMutation(trpc.invitation.revoke.mutationOptions({ onSettled: refresh, onError }));
  return (
    <>
      <PageHeader title="Members" description="Owners and admins edit config and budgets; members edit agents; viewers only look." />
      <ErrorNote message={error} />
      <Card className="mt-2">
        <ul className="divide-y divide-slate-100" aria-label="Members">
          {members.map((m) => (
            <li key={m.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="truncate font-medium">{m.user.name ?? m.user.email}</p>
                <p className="truncate text-xs text-slate-500">{m.user.email}</p>
              </div>
              <div className="flex items-center gap-2">
                {canManage ? (
                  <Select aria-label={`Role of ${m.user.email}`} className="h-9 w-32" value={m.role} onChange={(e) => { setError(null); changeRole.mutate({ tenantId, membershipId: m.id, role: e.target.value as RoleKey }); }}>
                    {ROLES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                  </Select>
                ) : <Badge>{m.role.toLowerCase()}</Badge>}
                {m.isMe ? <Badge>you</Badge> : canManage ? <RemoveMember who={m.user.name ?? m.user.email} email={m.user.email} onConfirm={() => { setError(null); remove.mutate({ tenantId, membershipId: m.id }); }} /> : null}
              </div>
            </li>
          ))}
        </ul>
      </Card>
      {canManage ? (
        <>
          <Card className="mt-6">
            <h2 className="mb-3 font-medium">Invite by email</h2>
            <InviteForm tenantId={tenantId} onDone={refresh} />
          </Card>
          <Card className="mt-6">
            <h2 className="mb-3 font-medium">Pending invitations</h2>
            <ul className="divide-y divide-slate-100" aria-label="Pending invitations">
              {(invitations.data ?? []).length === 0 ? <li className="py-2 text-sm text-slate-500">None.</li> : null}
              {(invitations.data ?? []).map((i) => (
                <li key={i.id} className="flex items-center justify-between gap-2 py-2 text-sm">
                  <span className="truncate">{i.email} · {i.role.toLowerCase()}</span>
                  <Button size="sm" variant="secondary" onClick={() => revoke.mutate({ tenantId, invitationId: i.id })}>Revoke</Button>
                </li>
              ))}
            </ul>
          </Card>
        </>
      ) : null}
    </>
  );
}

function InviteForm({ tenantId, onDone }: { tenantId: string; onDone: () => unknown }) {
  const trpc = useTRPC();
  const [sent, setSent] = useState<string | null>(null);
  const form = useForm<z.input<typeof inviteSchema>>({ resolver: zodResolver(inviteSchema), mode: "onChange", defaultValues: { email: "", role: "MEMBER" } });
  const invite = useMutation(
    trpc.invitation.create.mutationOptions({
      onSuccess: (inv) => { setSent(`Invitation sent to ${inv.email}.`); form.reset({ email: "", role: inv.role }); return onDone(); },
      onError: (e) => form.setError("email", { message: e.message.replace(/^email:\s*/, "") }),
    }),
  );
  const e = form.formState.errors;
  return (
    <form className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end" noValidate aria-label="Invite" onSubmit={form.handleSubmit((v) => { setSent(null); invite.mutate({ tenantId, ...v }); })}>
      <Field id="invite-email" label="Email" error={e.email?.message}>
        <Input id="invite-email" type="email" aria-invalid={Boolean(e.email)} {...form.register("email")} />
      </Field>
      <Field id="invite-role" label="Role">
        <Select id="invite-role" {...form.register("role")}>
          {ROLES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </Select>
      </Field>
      <Button type="submit" disabled={invite.isPending}>{invite.isPending ? "Sending…" : "Send invitation"}</Button>
      <p role="status" className="text-sm text-emerald-700 sm:col-span-3">{sent}</p>
    </form>
  );
}

/** Removing someone takes their access at once: asked once more, naming them. */
function RemoveMember({ who, email, onConfirm }: { who: string; email: string; onConfirm: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button size="sm" variant="danger" aria-label={`Remove ${email}`}>Remove</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/30" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[90vw] max-w-sm -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Remove {who}?</Dialog.Title>
          <Dialog.Description className="text-sm text-slate-700">{email} loses access to this workspace at once. You can invite them again later.</Dialog.Description>
          <div className="flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary">Cancel</Button>
            </Dialog.Close>
            <Button variant="danger" onClick={() => { setOpen(false); onConfirm(); }}>Remove</Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

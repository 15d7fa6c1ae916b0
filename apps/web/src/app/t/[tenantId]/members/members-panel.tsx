"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import * as Dialog from "@radix-ui/react-dialog";
import { inviteSchema } from "@baas/api/schemas";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input, Select } from "~/components/ui/input";
import { Badge, Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

const ROLES = ["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const;
type RoleKey = (typeof ROLES)[number];

export function MembersPanel({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const t = useTranslations("members");
  const errorText = useErrorText();
  const { data: members } = useSuspenseQuery(trpc.member.list.queryOptions({ tenantId }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canManage = tenant.myRole === "OWNER" || tenant.myRole === "ADMIN";
  const invitations = useQuery({ ...trpc.invitation.list.queryOptions({ tenantId }), enabled: canManage });
  const [error, setError] = useState<string | null>(null);
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: trpc.member.list.queryKey({ tenantId }) }), qc.invalidateQueries({ queryKey: trpc.invitation.list.queryKey({ tenantId }) })]);
  const onError = (e: Parameters<typeof errorText>[0]) => setError(errorText(e));
  const changeRole = useMutation(trpc.member.changeRole.mutationOptions({ onSettled: refresh, onError }));
  const remove = useMutation(trpc.member.remove.mutationOptions({ onSettled: refresh, onError }));
  const revoke = useMutation(trpc.invitation.revoke.mutationOptions({ onSettled: refresh, onError }));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ErrorNote message={error} />
      <Card className="mt-2">
        <ul className="divide-y divide-slate-100" aria-label={t("listLabel")}>
          {members.map((m) => (
            <li key={m.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="truncate font-medium">{m.user.name ?? m.user.email}</p>
                <p className="truncate text-xs text-slate-500">{m.user.email}</p>
              </div>
              <div className="flex items-center gap-2">
                {canManage ? (
                  <Select aria-label={t("roleOf", { email: m.user.email })} className="h-9 w-32" value={m.role} onChange={(e) => { setError(null); changeRole.mutate({ tenantId, membershipId: m.id, role: e.target.value as RoleKey }); }}>
                    {ROLES.map((v) => <option key={v} value={v}>{t(`roles.${v}`)}</option>)}
                  </Select>
                ) : <Badge>{t(`roles.${m.role}`)}</Badge>}
                {m.isMe ? <Badge>{t("you")}</Badge> : canManage ? <RemoveMember who={m.user.name ?? m.user.email} email={m.user.email} onConfirm={() => { setError(null); remove.mutate({ tenantId, membershipId: m.id }); }} /> : null}
              </div>
            </li>
          ))}
        </ul>
      </Card>
      {canManage ? (
        <>
          <Card className="mt-6">
            <h2 className="mb-3 font-medium">{t("inviteTitle")}</h2>
            <InviteForm tenantId={tenantId} onDone={refresh} />
          </Card>
          <Card className="mt-6">
            <h2 className="mb-3 font-medium">{t("pendingTitle")}</h2>
            <ul className="divide-y divide-slate-100" aria-label={t("pendingTitle")}>
              {(invitations.data ?? []).length === 0 ? <li className="py-2 text-sm text-slate-500">{t("none")}</li> : null}
              {(invitations.data ?? []).map((i) => (
                <li key={i.id} className="flex items-center justify-between gap-2 py-2 text-sm">
                  <span className="truncate">{i.email} · {t(`roles.${i.role}`)}</span>
                  <Button size="sm" variant="secondary" onClick={() => revoke.mutate({ tenantId, invitationId: i.id })}>{t("revoke")}</Button>
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
  const t = useTranslations("members");
  const errorText = useErrorText();
  const form = useForm<z.input<typeof inviteSchema>>({ resolver: zodResolver(inviteSchema), mode: "onChange", defaultValues: { email: "", role: "MEMBER" } });
  const invite = useMutation(
    trpc.invitation.create.mutationOptions({
      onSuccess: (inv) => { setSent(t("invite.sent", { email: inv.email })); form.reset({ email: "", role: inv.role }); return onDone(); },
      onError: (e) => form.setError("email", { message: (errorText(e) ?? "").replace(/^email:\s*/, "") }),
    }),
  );
  const e = form.formState.errors;
  return (
    <form className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end" noValidate aria-label={t("invite.label")} onSubmit={form.handleSubmit((v) => { setSent(null); invite.mutate({ tenantId, ...v }); })}>
      <Field id="invite-email" label={t("invite.email")} error={e.email?.message}>
        <Input id="invite-email" type="email" aria-invalid={Boolean(e.email)} {...form.register("email")} />
      </Field>
      <Field id="invite-role" label={t("invite.role")}>
        <Select id="invite-role" {...form.register("role")}>
          {ROLES.map((v) => <option key={v} value={v}>{t(`roles.${v}`)}</option>)}
        </Select>
      </Field>
      <Button type="submit" disabled={invite.isPending}>{invite.isPending ? t("invite.sending") : t("invite.send")}</Button>
      <p role="status" className="text-sm text-emerald-700 sm:col-span-3">{sent}</p>
    </form>
  );
}

/** Removing someone takes their access at once: asked once more, naming them. */
function RemoveMember({ who, email, onConfirm }: { who: string; email: string; onConfirm: () => void }) {
  const [open, setOpen] = useState(false);
  const t = useTranslations("members.remove");
  const tc = useTranslations("common.actions");
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button size="sm" variant="danger" aria-label={t("aria", { email })}>{t("button")}</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/30" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[90vw] max-w-sm -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="break-words text-lg font-semibold">{t("title", { who })}</Dialog.Title>
          <Dialog.Description className="break-words text-sm text-slate-700">{t("body", { email })}</Dialog.Description>
          <div className="flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary">{tc("cancel")}</Button>
            </Dialog.Close>
            <Button variant="danger" onClick={() => { setOpen(false); onConfirm(); }}>{t("button")}</Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

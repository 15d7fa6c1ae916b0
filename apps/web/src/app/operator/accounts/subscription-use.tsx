"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { Button } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";

interface Props {
  account: { id: string; name: string; subscriptionTermsAcceptedAt: Date | null };
  onChanged: () => unknown;
  onError: (m: string | null) => void;
}

/**
 * A Max subscription serves calls only after an operator read and accepted the terms shown here;
 * turning it off needs no ceremony. What was accepted is stored in the audit log.
 */
export function SubscriptionUse({ account: a, onChanged, onError }: Props) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const t = useTranslations("operator.accounts.sub");
  const tc = useTranslations("common.actions");
  const format = useFormatter();
  const errorText = useErrorText();
  const terms = useQuery({ ...trpc.operator.subscriptionTerms.queryOptions(), enabled: open });
  const opts = { onSettled: onChanged, onError: (e: Parameters<typeof errorText>[0]) => onError(errorText(e)), onMutate: () => onError(null) };
  const setUse = useMutation(trpc.operator.setSubscriptionUse.mutationOptions({ ...opts, onSuccess: () => setOpen(false) }));
  if (a.subscriptionTermsAcceptedAt) {
    return (
      <div className="space-y-1">
        <p className="text-xs text-slate-600">{t("since", { date: format.dateTime(new Date(a.subscriptionTermsAcceptedAt), { dateStyle: "medium" }) })}</p>
        <Button size="sm" variant="secondary" onClick={() => setUse.mutate({ accountId: a.id, use: false })}>{t("stop")}</Button>
      </div>
    );
  }
  return (
    <Dialog.Root open={open} onOpenChange={(o) => { setOpen(o); setAccepted(false); }}>
      <p className="text-xs text-amber-700">{t("off")}</p>
      <Dialog.Trigger asChild>
        <Button size="sm">{t("use")}</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/30" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[90vw] max-w-md -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{t("title", { name: a.name })}</Dialog.Title>
          <Dialog.Description className="text-sm text-slate-700">{terms.data ?? t("loadingTerms")}</Dialog.Description>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />
            {t("accept")}
          </label>
          <div className="flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary">{tc("cancel")}</Button>
            </Dialog.Close>
            <Button disabled={!accepted || !terms.data || setUse.isPending} onClick={() => setUse.mutate({ accountId: a.id, use: true, acceptTerms: true })}>{t("turnOn")}</Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

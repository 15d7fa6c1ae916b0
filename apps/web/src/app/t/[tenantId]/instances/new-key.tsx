"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { Button } from "~/components/ui/button";
import { ErrorNote } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

/** Issues a new key for a bot: the old one stops at once, the new one is shown this once. */
export function NewKey({ tenantId, instanceId, name, onIssued }: { tenantId: string; instanceId: string; name: string; onIssued: (key: string) => void }) {
  const t = useTranslations("bots.newKey");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation(
    trpc.instanceAdmin.rotateKey.mutationOptions({
      onSuccess: (r) => {
        setConfirming(false);
        onIssued(r.key);
      },
      onSettled: () => qc.invalidateQueries({ queryKey: trpc.instanceAdmin.list.queryKey({ tenantId }) }),
    }),
  );
  if (!confirming) return <Button size="sm" variant="secondary" onClick={() => setConfirming(true)} aria-label={t("buttonFor", { name })}>{t("button")}</Button>;
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <p>{t("warning", { name })}</p>
      <ErrorNote message={errorText(rotate.error)} />
      <div className="flex gap-2">
        <Button size="sm" variant="secondary" onClick={() => setConfirming(false)}>{t("cancel")}</Button>
        <Button size="sm" disabled={rotate.isPending} onClick={() => rotate.mutate({ tenantId, instanceId })}>{t("confirm")}</Button>
      </div>
    </div>
  );
}

export function ShownOnce({ name, value }: { name: string; value: string }) {
  const t = useTranslations("bots.newKey");
  return (
    <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm">
      <p className="font-medium">{t("shownOnce", { name })}</p>
      <code className="mt-1 block break-all" data-testid="new-key">{value}</code>
    </div>
  );
}

"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { externalIdSchema } from "@baas/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { ErrorNote } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

export function DuplicateAgent({ tenantId, agentId, name, externalId }: { tenantId: string; agentId: string; name: string; externalId: string }) {
  const t = useTranslations("agents.duplicate");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [id, setId] = useState(`${externalId}-copy`);
  const check = externalIdSchema.safeParse(id);
  const dup = useMutation(
    trpc.agent.duplicate.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await qc.invalidateQueries({ queryKey: trpc.agent.list.queryKey({ tenantId }) });
      },
    }),
  );
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button size="sm" variant="secondary" aria-label={t("buttonFor", { name })}>
          {t("button")}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/30" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[90vw] max-w-sm -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{t("title", { name })}</Dialog.Title>
          <Dialog.Description className="text-sm text-slate-600">{t("description")}</Dialog.Description>
          <Field id="dup-id" label={t("newId")} hint={t("newIdHint")} error={check.success ? undefined : check.error.issues[0]?.message}>
            <Input id="dup-id" value={id} onChange={(e) => setId(e.target.value)} aria-invalid={!check.success} />
          </Field>
          <ErrorNote message={errorText(dup.error)} />
          <div className="flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary">{t("cancel")}</Button>
            </Dialog.Close>
            <Button disabled={!check.success || dup.isPending} onClick={() => dup.mutate({ tenantId, agentId, externalId: id })}>
              {t("button")}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

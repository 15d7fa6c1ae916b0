"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useErrorText } from "~/components/app/use-error-text";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Card, ErrorNote } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

/** Deleting an agent, for admins: a second, explicit step, since it stops the agent everywhere. */
export function ArchiveAgent({ tenantId, agentId, name }: { tenantId: string; agentId: string; name: string }) {
  const t = useTranslations("agents.archive");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const archive = useMutation(
    trpc.agent.archive.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.agent.list.queryKey({ tenantId }) });
        router.push(`/t/${tenantId}/agents`);
      },
    }),
  );
  return (
    <Card className="space-y-3 border-red-200" aria-label={t("label")}>
      <h2 className="font-medium">{t("title")}</h2>
      <p className="text-sm text-slate-600">
        {t("explain")}
      </p>
      <ErrorNote message={errorText(archive.error)} />
      {confirming ? (
        <div className="flex flex-wrap items-center gap-3" role="group" aria-label={t("confirmLabel")}>
          <span className="text-sm font-medium">{t("question", { name })}</span>
          <Button variant="danger" disabled={archive.isPending} onClick={() => archive.mutate({ tenantId, agentId })}>
            {archive.isPending ? t("archiving") : t("yes")}
          </Button>
          <Button variant="secondary" disabled={archive.isPending} onClick={() => setConfirming(false)}>
            {t("cancel")}
          </Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          {t("button")}
        </Button>
      )}
    </Card>
  );
}

"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Card, ErrorNote } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

/** Deleting an agent, for admins: a second, explicit step, since it stops the agent everywhere. */
export function ArchiveAgent({ tenantId, agentId, name }: { tenantId: string; agentId: string; name: string }) {
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
    <Card className="space-y-3 border-red-200" aria-label="Archive agent">
      <h2 className="font-medium">Archive this agent</h2>
      <p className="text-sm text-slate-600">
        It stops answering in every group and chat, leaves the list and the bot's config, and loses its group bindings. Its cost history stays in the reports.
      </p>
      <ErrorNote message={archive.error?.message} />
      {confirming ? (
        <div className="flex flex-wrap items-center gap-3" role="group" aria-label="Confirm archive">
          <span className="text-sm font-medium">Archive {name}?</span>
          <Button variant="danger" disabled={archive.isPending} onClick={() => archive.mutate({ tenantId, agentId })}>
            {archive.isPending ? "Archiving…" : "Yes, archive"}
          </Button>
          <Button variant="secondary" disabled={archive.isPending} onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Archive agent…
        </Button>
      )}
    </Card>
  );
}

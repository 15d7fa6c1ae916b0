"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

/** Saves one chat setting optimistically: the card changes at once and snaps back if the server refuses. */
export function useChannelUpdate(tenantId: string, onError: (err: { message: string; data?: { code?: string } | null }) => void) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const key = trpc.channel.chats.queryKey({ tenantId });
  return useMutation(
    trpc.channel.update.mutationOptions({
      onMutate: async (input) => {
        await qc.cancelQueries({ queryKey: key });
        const previous = qc.getQueryData(key);
        const { tenantId: _t, channelId, ...patch } = input;
        const apply = <T extends { id: string }>(rows: T[]) => rows.map((c) => (c.id === channelId ? { ...c, ...patch } : c));
        if (previous) qc.setQueryData(key, { ...previous, groups: apply(previous.groups), dms: apply(previous.dms) });
        return { previous };
      },
      onError: (err, _i, c) => {
        if (c?.previous) qc.setQueryData(key, c.previous);
        onError(err);
      },
      onSettled: () => qc.invalidateQueries({ queryKey: key }),
    }),
  );
}

"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

/** Saves one group setting optimistically: the row changes at once and snaps back if the server refuses. */
export function useChannelUpdate(tenantId: string, onError: (message: string) => void) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const key = trpc.channel.list.queryKey({ tenantId });
  return useMutation(
    trpc.channel.update.mutationOptions({
      onMutate: async (input) => {
        await qc.cancelQueries({ queryKey: key });
        const previous = qc.getQueryData(key);
        const { tenantId: _t, channelId, ...patch } = input;
        if (previous) qc.setQueryData(key, previous.map((c) => (c.id === channelId ? { ...c, ...patch } : c)));
        return { previous };
      },
      onError: (err, _i, c) => {
        if (c?.previous) qc.setQueryData(key, c.previous);
        onError(err.message);
      },
      onSettled: () => qc.invalidateQueries({ queryKey: key }),
    }),
  );
}

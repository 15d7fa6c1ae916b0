"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "~/components/ui/button";
import { ErrorNote } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

export function AcceptInvitation({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(trpc.invitation.accept.mutationOptions({ onSuccess: (r) => router.push(`/t/${r.tenantId}`) }));
  return (
    <div className="space-y-3">
      <ErrorNote message={accept.error?.message} />
      <Button className="w-full" disabled={accept.isPending || accept.isSuccess} onClick={() => accept.mutate({ token })}>
        {accept.isPending ? "Joining…" : "Accept invitation"}
      </Button>
    </div>
  );
}

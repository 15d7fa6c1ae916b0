"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useErrorText } from "~/components/app/use-error-text";
import { Button } from "~/components/ui/button";
import { ErrorNote } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

export function AcceptInvitation({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations("auth.invite");
  const errorText = useErrorText();
  const accept = useMutation(trpc.invitation.accept.mutationOptions({ onSuccess: (r) => router.push(`/t/${r.tenantId}`) }));
  return (
    <div className="space-y-3">
      <ErrorNote message={errorText(accept.error)} />
      <Button className="w-full" disabled={accept.isPending || accept.isSuccess} onClick={() => accept.mutate({ token })}>
        {accept.isPending ? t("joining") : t("accept")}
      </Button>
    </div>
  );
}

"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useErrorText } from "~/components/app/use-error-text";
import { Select } from "~/components/ui/input";
import { Card, ErrorNote } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

const dmOptions = ["PAIRING", "ALLOWLIST", "OPEN", "DISABLED"] as const;
const groupOptions = ["ALLOWLIST", "OPEN", "DISABLED"] as const;

export function TenantPolicies({ tenantId }: { tenantId: string }) {
  const t = useTranslations("groups.policies");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const key = trpc.tenant.get.queryKey({ tenantId });
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canEdit = tenant.myRole === "OWNER" || tenant.myRole === "ADMIN";
  const save = useMutation(
    trpc.tenant.updatePolicies.mutationOptions({
      onMutate: async (input) => {
        const previous = qc.getQueryData(key);
        if (previous) qc.setQueryData(key, { ...previous, ...(input.dmPolicy ? { dmPolicy: input.dmPolicy } : {}), ...(input.groupPolicy ? { groupPolicy: input.groupPolicy } : {}) });
        return { previous };
      },
      onError: (_e, _i, c) => c?.previous && qc.setQueryData(key, c.previous),
      onSettled: () => qc.invalidateQueries({ queryKey: key }),
    }),
  );
  return (
    <Card className="mb-6 grid gap-4 sm:grid-cols-2" aria-label={t("label")}>
      <div className="space-y-1">
        <label htmlFor="dm-policy" className="block text-sm font-medium">{t("dm")}</label>
        <Select id="dm-policy" disabled={!canEdit} value={tenant.dmPolicy} onChange={(e) => save.mutate({ tenantId, dmPolicy: e.target.value as (typeof dmOptions)[number] })}>
          {dmOptions.map((v) => <option key={v} value={v}>{t(`dmOptions.${v}`)}</option>)}
        </Select>
      </div>
      <div className="space-y-1">
        <label htmlFor="group-policy" className="block text-sm font-medium">{t("group")}</label>
        <Select id="group-policy" disabled={!canEdit} value={tenant.groupPolicy} onChange={(e) => save.mutate({ tenantId, groupPolicy: e.target.value as (typeof groupOptions)[number] })}>
          {groupOptions.map((v) => <option key={v} value={v}>{t(`groupOptions.${v}`)}</option>)}
        </Select>
      </div>
      {save.error ? <div className="sm:col-span-2"><ErrorNote message={errorText(save.error)} /></div> : null}
    </Card>
  );
}

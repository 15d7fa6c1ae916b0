"use client";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { Card, ErrorNote } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

/** Admins point budget alerts at a URL of theirs, signed with a secret shown once. */
export function WebhookSettings({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const t = useTranslations("alerts.webhook");
  const errorText = useErrorText();
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const isAdmin = tenant.myRole === "ADMIN" || tenant.myRole === "OWNER";
  const { data } = useQuery({ ...trpc.webhook.get.queryOptions({ tenantId }), enabled: isAdmin });
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.webhook.get.queryKey({ tenantId }) });
  const save = useMutation(trpc.webhook.set.mutationOptions({ onSuccess: (r) => { setSecret(r.secret); setError(null); setUrl(""); }, onError: (e) => setError(errorText(e)), onSettled: refresh }));
  const clear = useMutation(trpc.webhook.clear.mutationOptions({ onSuccess: () => setSecret(null), onError: (e) => setError(errorText(e)), onSettled: refresh }));
  if (!isAdmin) return null;
  return (
    <Card className="mt-6" data-testid="webhook-settings">
      <h2 className="text-sm font-medium">{t("title")}</h2>
      <p className="mt-1 text-sm text-slate-600">
        {t.rich("body", { code: (c) => <code className="break-all">{c}</code> })}
        {data?.url ? <> {t("now")} <span className="break-all font-mono">{data.url}</span></> : ` ${t("noneSet")}`}
      </p>
      <form className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-end" onSubmit={(e) => { e.preventDefault(); save.mutate({ tenantId, url }); }}>
        <Field id="webhook-url" label={t("url")} className="flex-1">
          <Input id="webhook-url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/hooks/baas" />
        </Field>
        <Button type="submit" disabled={save.isPending || !url}>{data?.url ? t("replace") : t("save")}</Button>
        {data?.url ? <Button type="button" variant="danger" disabled={clear.isPending} onClick={() => clear.mutate({ tenantId })}>{t("remove")}</Button> : null}
      </form>
      <ErrorNote message={error} />
      {secret ? (
        <p className="mt-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm" role="status">
          {t("secret")} <code className="break-all" data-testid="webhook-secret">{secret}</code>
        </p>
      ) : null}
    </Card>
  );
}

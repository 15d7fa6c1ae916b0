import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/components/ui/misc";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import { BillingPanel } from "./billing-panel";

export const dynamic = "force-dynamic";

/** Owners manage billing, admins read it; members and viewers are told whom to ask. */
export default async function BillingPage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<{ checkout?: string }> }) {
  const { tenantId } = await params;
  const { checkout } = await searchParams;
  const tenant = await (await serverCaller()).tenant.get({ tenantId });
  if (tenant.myRole !== "OWNER" && tenant.myRole !== "ADMIN") {
    const t = await getTranslations("billing");
    return <PageHeader title={t("title")} description={t("noAccess")} />;
  }
  prefetch(trpc.billing.get.queryOptions({ tenantId }));
  return (
    <HydrateClient>
      <BillingPanel tenantId={tenantId} checkout={checkout === "success" || checkout === "canceled" ? checkout : null} />
    </HydrateClient>
  );
}

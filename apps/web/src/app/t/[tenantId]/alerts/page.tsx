import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { AlertsPanel } from "./alerts-panel";
import { WebhookSettings } from "./webhook-settings";

export const dynamic = "force-dynamic";

export default async function AlertsPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  prefetch(trpc.alert.list.queryOptions({ tenantId, status: "open", kind: null }));
  prefetch(trpc.tenant.get.queryOptions({ tenantId }));
  return (
    <HydrateClient>
      <AlertsPanel tenantId={tenantId} />
      <WebhookSettings tenantId={tenantId} />
    </HydrateClient>
  );
}

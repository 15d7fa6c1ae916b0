import { env } from "~/env";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { InstancesList } from "./instances-list";

export const dynamic = "force-dynamic";

export default async function InstancesPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  prefetch(trpc.instanceAdmin.list.queryOptions({ tenantId }));
  prefetch(trpc.tenant.get.queryOptions({ tenantId }));
  return (
    <HydrateClient>
      {/* The plugin's gatewayUrl is this deployment's public address (APP_URL), as npm start prints it. */}
      <InstancesList tenantId={tenantId} appUrl={env().APP_URL} />
    </HydrateClient>
  );
}

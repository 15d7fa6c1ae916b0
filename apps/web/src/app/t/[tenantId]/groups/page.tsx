import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { GroupsTable } from "./groups-table";
import { TenantPolicies } from "./tenant-policies";

export const dynamic = "force-dynamic";

export default async function GroupsPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  prefetch(trpc.channel.chats.queryOptions({ tenantId }));
  prefetch(trpc.agent.models.queryOptions({ tenantId }));
  prefetch(trpc.tenant.get.queryOptions({ tenantId }));
  return (
    <HydrateClient>
      <GroupsTable tenantId={tenantId} policies={<TenantPolicies tenantId={tenantId} />} />
    </HydrateClient>
  );
}

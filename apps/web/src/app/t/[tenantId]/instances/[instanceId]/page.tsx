import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { InstanceDetail } from "./instance-detail";

export const dynamic = "force-dynamic";

export default async function InstancePage({ params }: { params: Promise<{ tenantId: string; instanceId: string }> }) {
  const { tenantId, instanceId } = await params;
  prefetch(trpc.instanceAdmin.get.queryOptions({ tenantId, instanceId }));
  prefetch(trpc.configRevision.list.queryOptions({ tenantId, instanceId, take: 50 }));
  prefetch(trpc.tenant.get.queryOptions({ tenantId }));
  return (
    <HydrateClient>
      <InstanceDetail tenantId={tenantId} instanceId={instanceId} />
    </HydrateClient>
  );
}

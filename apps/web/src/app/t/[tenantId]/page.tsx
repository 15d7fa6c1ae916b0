import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { TenantOverview } from "./overview/tenant-overview";

export const dynamic = "force-dynamic";

/** The landing page after sign-in: how the team's bots are doing and what they cost this month. */
export default async function TenantHome({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  prefetch(trpc.overview.get.queryOptions({ tenantId }));
  return (
    <HydrateClient>
      <TenantOverview tenantId={tenantId} />
    </HydrateClient>
  );
}

import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { AgentsList } from "./agents-list";

export const dynamic = "force-dynamic";

export default async function AgentsPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  prefetch(trpc.agent.list.queryOptions({ tenantId }));
  prefetch(trpc.tenant.get.queryOptions({ tenantId }));
  return (
    <HydrateClient>
      <AgentsList tenantId={tenantId} />
    </HydrateClient>
  );
}

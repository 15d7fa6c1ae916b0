import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { AgentForm } from "./agent-form";

export const dynamic = "force-dynamic";

export default async function AgentPage({ params }: { params: Promise<{ tenantId: string; agentId: string }> }) {
  const { tenantId, agentId } = await params;
  prefetch(trpc.agent.get.queryOptions({ tenantId, agentId }));
  prefetch(trpc.agent.models.queryOptions({ tenantId }));
  prefetch(trpc.tenant.get.queryOptions({ tenantId }));
  return (
    <HydrateClient>
      <AgentForm tenantId={tenantId} agentId={agentId} />
    </HydrateClient>
  );
}

import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { AgentWizard } from "./agent-wizard";

export const dynamic = "force-dynamic";

export default async function NewAgentPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  prefetch(trpc.agent.templates.queryOptions({ tenantId }));
  prefetch(trpc.agent.models.queryOptions({ tenantId }));
  prefetch(trpc.channel.chats.queryOptions({ tenantId }));
  return (
    <HydrateClient>
      <AgentWizard tenantId={tenantId} />
    </HydrateClient>
  );
}

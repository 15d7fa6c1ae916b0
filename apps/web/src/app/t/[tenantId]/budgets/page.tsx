import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { BudgetsPanel } from "./budgets-panel";

export const dynamic = "force-dynamic";

export default async function BudgetsPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  prefetch(trpc.budget.list.queryOptions({ tenantId }));
  prefetch(trpc.tenant.get.queryOptions({ tenantId }));
  prefetch(trpc.agent.list.queryOptions({ tenantId }));
  prefetch(trpc.channel.list.queryOptions({ tenantId }));
  prefetch(trpc.agent.models.queryOptions({ tenantId }));
  prefetch(trpc.rateLimit.list.queryOptions({ tenantId }));
  return (
    <HydrateClient>
      <BudgetsPanel tenantId={tenantId} />
    </HydrateClient>
  );
}

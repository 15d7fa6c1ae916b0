import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { PoolHealthPanel } from "./pool-health-panel";

export const dynamic = "force-dynamic";

export default function OperatorHealthPage() {
  prefetch(trpc.operator.poolHealth.queryOptions());
  return (
    <HydrateClient>
      <PoolHealthPanel />
    </HydrateClient>
  );
}

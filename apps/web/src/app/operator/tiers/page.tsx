import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { TiersPanel } from "./tiers-panel";

export const dynamic = "force-dynamic";

export default function OperatorTiersPage() {
  prefetch(trpc.operator.tiers.queryOptions());
  prefetch(trpc.operator.models.queryOptions());
  return (
    <HydrateClient>
      <TiersPanel />
    </HydrateClient>
  );
}

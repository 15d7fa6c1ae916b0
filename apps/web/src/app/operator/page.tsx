import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { TenantsList } from "./tenants-list/tenants-list";

export const dynamic = "force-dynamic";

/** The operator's home: every tenant with plan, this month's spend and status. */
export default function OperatorHome() {
  prefetch(trpc.operator.tenants.queryOptions());
  return (
    <HydrateClient>
      <TenantsList />
    </HydrateClient>
  );
}

import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { AccountsPanel } from "./accounts-panel";

export const dynamic = "force-dynamic";

export default function OperatorAccountsPage() {
  prefetch(trpc.operator.accounts.queryOptions());
  return (
    <HydrateClient>
      <AccountsPanel />
    </HydrateClient>
  );
}

import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { MembersPanel } from "./members-panel";

export const dynamic = "force-dynamic";

export default async function MembersPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  prefetch(trpc.member.list.queryOptions({ tenantId }));
  prefetch(trpc.tenant.get.queryOptions({ tenantId }));
  return (
    <HydrateClient>
      <MembersPanel tenantId={tenantId} />
    </HydrateClient>
  );
}

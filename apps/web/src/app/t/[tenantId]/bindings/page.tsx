import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { BindingsEditor } from "./bindings-editor";

export const dynamic = "force-dynamic";

export default async function BindingsPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  prefetch(trpc.binding.overview.queryOptions({ tenantId }));
  prefetch(trpc.channel.chats.queryOptions({ tenantId }));
  prefetch(trpc.agent.list.queryOptions({ tenantId }));
  prefetch(trpc.tenant.get.queryOptions({ tenantId }));
  return (
    <HydrateClient>
      <BindingsEditor tenantId={tenantId} />
    </HydrateClient>
  );
}

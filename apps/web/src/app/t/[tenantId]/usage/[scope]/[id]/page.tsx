import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ErrorNote } from "~/components/ui/misc";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { rangeFromSearch, type SearchParams } from "../../range-params";
import { SessionsPanel } from "./sessions-panel";

export const dynamic = "force-dynamic";

export default async function UsageDrillPage({ params, searchParams }: { params: Promise<{ tenantId: string; scope: string; id: string }>; searchParams: SearchParams }) {
  const { tenantId, scope, id } = await params;
  if (scope !== "agent" && scope !== "channel") notFound();
  const { range, error } = await rangeFromSearch(searchParams);
  if (error) return <ErrorNote message={(await getTranslations("usage"))("badRange", { error })} />;
  prefetch(trpc.analytics.sessions.queryOptions({ tenantId, ...range, scope, id }));
  return (
    <HydrateClient>
      <SessionsPanel tenantId={tenantId} range={range} scope={scope} id={id} />
    </HydrateClient>
  );
}

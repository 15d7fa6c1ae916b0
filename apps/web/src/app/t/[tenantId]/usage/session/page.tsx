import { getTranslations } from "next-intl/server";
import { ErrorNote } from "~/components/ui/misc";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { rangeFromSearch, type SearchParams } from "../range-params";
import { CallsPanel } from "./calls-panel";

export const dynamic = "force-dynamic";

export default async function UsageSessionPage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: SearchParams }) {
  const { tenantId } = await params;
  const key = (await searchParams).key;
  const sessionKey = typeof key === "string" ? key : "";
  const { range, error } = await rangeFromSearch(searchParams);
  if (error || !sessionKey) {
    const t = await getTranslations("usage");
    return <ErrorNote message={error ? t("badRange", { error }) : t("pickSession")} />;
  }
  prefetch(trpc.analytics.calls.queryOptions({ tenantId, ...range, sessionKey }));
  return (
    <HydrateClient>
      <CallsPanel tenantId={tenantId} range={range} sessionKey={sessionKey} />
    </HydrateClient>
  );
}

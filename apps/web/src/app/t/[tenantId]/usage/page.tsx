import { getTranslations } from "next-intl/server";
import { ErrorNote, PageHeader } from "~/components/ui/misc";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { RangePicker } from "./range-picker";
import { rangeFromSearch, type SearchParams } from "./range-params";
import { UsagePanel } from "./usage-panel";

export const dynamic = "force-dynamic";

export default async function UsagePage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: SearchParams }) {
  const { tenantId } = await params;
  const { range, error } = await rangeFromSearch(searchParams);
  if (error) {
    const t = await getTranslations("usage");
    return (
      <>
        <PageHeader title={t("title")} />
        <RangePicker range="custom" />
        <div className="mt-4"><ErrorNote message={t("badRange", { error })} /></div>
      </>
    );
  }
  const stackBy = (await searchParams).stack === "agent" ? "agent" : "channel";
  const input = { tenantId, ...range };
  prefetch(trpc.analytics.summary.queryOptions(input));
  prefetch(trpc.analytics.daily.queryOptions({ ...input, stackBy }));
  prefetch(trpc.analytics.performance.queryOptions(input));
  return (
    <HydrateClient>
      <UsagePanel tenantId={tenantId} range={range} stackBy={stackBy} />
    </HydrateClient>
  );
}

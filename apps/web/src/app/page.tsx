import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { requireUser } from "~/server/auth/session";
import { serverCaller } from "~/trpc/server";

export const dynamic = "force-dynamic";

/** Home: the first tenant of the signed-in person, or a note that they have none yet. */
export default async function Home() {
  await requireUser("/");
  const tenants = await (await serverCaller()).tenant.mine();
  if (tenants[0]) redirect(`/t/${tenants[0].id}`);
  const t = await getTranslations("common.home");
  return (
    <main className="mx-auto max-w-md p-8">
      <h1 className="text-xl font-semibold">{t("noTeamTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("noTeamBody")}</p>
    </main>
  );
}

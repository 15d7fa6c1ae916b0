import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { demoDoorOpen } from "~/server/request-guards";

export const dynamic = "force-dynamic";

export default async function CheckEmail({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const demoDoor = demoDoorOpen(await headers());
  const { email } = await searchParams;
  const t = await getTranslations("auth.checkEmail");
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-3 rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="break-words text-sm text-slate-600">{email ? t("sentTo", { email }) : t("sent")}</p>
        {demoDoor ? (
          <a className="text-sm text-brand-700 underline" href="/dev/inbox">
            {t("openInbox")}
          </a>
        ) : null}
      </div>
    </main>
  );
}

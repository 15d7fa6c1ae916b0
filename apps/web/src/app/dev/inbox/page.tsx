import { getFormatter, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { readInbox } from "~/server/email/dev-inbox";
import { demoDoorOpen } from "~/server/request-guards";

export const dynamic = "force-dynamic";

/** Demo mode only: the emails this server would have sent (there is no Resend key). */
export default async function DevInbox() {
  // Every magic link is here, the operator's too: only for this machine, only in demo mode.
  if (!demoDoorOpen(await headers())) notFound();
  const mails = readInbox();
  const t = await getTranslations("auth.inbox");
  const format = await getFormatter();
  return (
    <main className="mx-auto max-w-2xl p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("lead")}</p>
      <ul className="mt-6 space-y-3">
        {mails.length === 0 ? <li className="text-sm text-slate-500">{t("empty")}</li> : null}
        {mails.map((m) => (
          <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <p className="break-words text-xs text-slate-500">{t("to", { to: m.to, at: format.dateTime(m.at, { timeStyle: "medium" }) })}</p>
            <p className="break-words font-medium">{m.subject}</p>
            {m.link ? (
              <a className="mt-2 inline-block break-all text-sm text-brand-700 underline" href={m.link}>
                {t("openLink")}
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </main>
  );
}

import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { LocaleSwitcher } from "~/components/app/locale-switcher";
import { headers } from "next/headers";
import { demoDoorOpen } from "~/server/request-guards";
import { getSessionUser } from "~/server/auth/session";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

const knownErrors = ["Verification", "RateLimited", "EmailSignin"] as const;

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const demoDoor = demoDoorOpen(await headers());
  const sp = await searchParams;
  const callbackUrl = sp.callbackUrl?.startsWith("/") ? sp.callbackUrl : "/";
  if (await getSessionUser()) redirect(callbackUrl);
  const t = await getTranslations("auth.signIn");
  const known = knownErrors.find((e) => e === sp.error);
  const error = sp.error ? t(`errors.${known ?? "other"}`) : null;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <div>
          <div className="flex items-center justify-between gap-2">
            <p className="text-sm font-semibold text-brand-600">BaaS</p>
            <LocaleSwitcher />
          </div>
          <h1 className="mt-1 text-2xl font-semibold">{t("title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("lead")}</p>
        </div>
        <SignInForm callbackUrl={callbackUrl} initialError={error} />
        {demoDoor ? (
          <div className="space-y-2 border-t border-slate-200 pt-4">
            <form action="/api/demo/sign-in" method="post">
              <button className="h-10 w-full rounded-md border border-brand-500 text-sm font-medium text-brand-700 hover:bg-brand-50">{t("demoButton")}</button>
            </form>
            <p className="text-center text-xs text-slate-500">
              {t.rich("demoNote", { link: (c) => <a className="underline" href="/dev/inbox">{c}</a> })}
            </p>
          </div>
        ) : null}
      </div>
    </main>
  );
}

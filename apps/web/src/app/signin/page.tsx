import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { demoDoorOpen } from "~/server/request-guards";
import { getSessionUser } from "~/server/auth/session";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

const errors: Record<string, string> = {
  Verification: "That sign-in link was already used or has expired. Ask for a new one.",
  RateLimited: "Too many sign-in requests. Wait a few minutes and try again.",
  EmailSignin: "The sign-in email could not be sent. Try again in a moment.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const demoDoor = demoDoorOpen(await headers());
  const sp = await searchParams;
  const callbackUrl = sp.callbackUrl?.startsWith("/") ? sp.callbackUrl : "/";
  if (await getSessionUser()) redirect(callbackUrl);
  const error = sp.error ? (errors[sp.error] ?? "Sign-in failed. Try again.") : null;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <div>
          <p className="text-sm font-semibold text-brand-600">BaaS</p>
          <h1 className="mt-1 text-2xl font-semibold">Sign in</h1>
          <p className="mt-1 text-sm text-slate-600">We email you a link. No password.</p>
        </div>
        <SignInForm callbackUrl={callbackUrl} initialError={error} />
        {demoDoor ? (
          <div className="space-y-2 border-t border-slate-200 pt-4">
            <form action="/api/demo/sign-in" method="post">
              <button className="h-10 w-full rounded-md border border-brand-500 text-sm font-medium text-brand-700 hover:bg-brand-50">Sign in as the demo owner</button>
            </form>
            <p className="text-center text-xs text-slate-500">
              Demo mode: emails land in the <a className="underline" href="/dev/inbox">dev inbox</a>.
            </p>
          </div>
        ) : null}
      </div>
    </main>
  );
}

import { headers } from "next/headers";
import { demoDoorOpen } from "~/server/request-guards";

export const dynamic = "force-dynamic";

export default async function CheckEmail({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const demoDoor = demoDoorOpen(await headers());
  const { email } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-3 rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm">
        <h1 className="text-xl font-semibold">Check your email</h1>
        <p className="text-sm text-slate-600">
          We sent a sign-in link{email ? ` to ${email}` : ""}. It works once and expires in 15 minutes.
        </p>
        {demoDoor ? (
          <a className="text-sm text-brand-700 underline" href="/dev/inbox">
            Open the dev inbox
          </a>
        ) : null}
      </div>
    </main>
  );
}

import { getTranslations } from "next-intl/server";
import { requireUser } from "~/server/auth/session";
import { AcceptInvitation } from "./accept-invitation";

export const dynamic = "force-dynamic";

/** The invitation link is a magic link: it signs the invitee in and lands here. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await requireUser(`/invite/${token}`);
  const t = await getTranslations("auth.invite");
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="break-words text-sm text-slate-600">{t("signedInAs", { email: user.email })}</p>
        <AcceptInvitation token={token} />
      </div>
    </main>
  );
}

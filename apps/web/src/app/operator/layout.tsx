import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LocaleSwitcher } from "~/components/app/locale-switcher";
import { requireUser } from "~/server/auth/session";

export const dynamic = "force-dynamic";

/** Platform-operator area: the shared upstream account pool and the tiers. Everyone else gets a 404. */
export default async function OperatorLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser("/operator/accounts");
  if (user.platformRole !== "OPERATOR") notFound();
  const t = await getTranslations("common");
  const link = "rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100";
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="flex items-center gap-3">
            <Link href="/" className="font-semibold text-brand-600">BaaS</Link>
            <span className="text-sm text-slate-500">{t("header.platformOperator")}</span>
          </div>
          <nav aria-label={t("operatorNav.label")} className="flex flex-wrap gap-1">
            <Link href="/operator/accounts" className={link}>{t("operatorNav.accounts")}</Link>
            <Link href="/operator/health" className={link}>{t("operatorNav.health")}</Link>
            <Link href="/operator/tiers" className={link}>{t("operatorNav.tiers")}</Link>
            <Link href="/" className={link}>{t("operatorNav.tenants")}</Link>
          </nav>
          <div className="flex items-center gap-3 text-sm text-slate-600">
            <span className="hidden truncate sm:inline" data-testid="whoami">{user.email} · {t("header.operatorRole")}</span>
            <LocaleSwitcher />
            <a className="whitespace-nowrap underline" href="/api/auth/signout">{t("header.signOut")}</a>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}

import { TRPCError } from "@trpc/server";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LocaleSwitcher } from "~/components/app/locale-switcher";
import { NavLinks } from "~/components/app/nav-links";
import { TenantSwitcher } from "~/components/app/tenant-switcher";
import { CurrencyProvider } from "~/components/i18n/currency";
import { requireUser } from "~/server/auth/session";
import { serverCaller } from "~/trpc/server";

export const dynamic = "force-dynamic";

export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const user = await requireUser(`/t/${tenantId}`);
  const caller = await serverCaller();
  const tenant = await caller.tenant.get({ tenantId }).catch((e: unknown) => {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  });
  const tenants = await caller.tenant.mine();
  const t = await getTranslations("common");
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-3">
          {/* Wraps on a phone: the language and sign-out move under the workspace name instead of covering it. */}
          <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
            <div className="flex min-w-0 items-center gap-3">
              <span className="font-semibold text-brand-600">BaaS</span>
              <TenantSwitcher current={tenantId} tenants={tenants.length ? tenants : [{ id: tenant.id, name: tenant.name, role: tenant.myRole }]} />
            </div>
            <div className="flex items-center gap-3 text-sm text-slate-600">
              <span className="hidden truncate sm:inline" data-testid="whoami">
                {user.email} · {tenant.viaOperator ? t("header.operatorNotMember") : t(`roles.${tenant.myRole}`)}
              </span>
              {user.platformRole === "OPERATOR" ? (
                <a className="underline" href="/operator/accounts">
                  {t("header.operator")}
                </a>
              ) : null}
              <LocaleSwitcher />
              <a className="whitespace-nowrap underline" href="/api/auth/signout">
                {t("header.signOut")}
              </a>
            </div>
          </div>
          <NavLinks tenantId={tenantId} role={tenant.myRole} />
        </div>
      </header>
      {/* One currency on every page of the tenant; USD stays on hover. */}
      <CurrencyProvider value={{ currency: tenant.currency, usdRate: tenant.usdRate }}>
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      </CurrencyProvider>
    </div>
  );
}

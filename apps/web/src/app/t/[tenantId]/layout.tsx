import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { NavLinks } from "~/components/app/nav-links";
import { TenantSwitcher } from "~/components/app/tenant-switcher";
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
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-3">
          <div className="flex items-center justify-between gap-3">
            <div className="flex min-w-0 items-center gap-3">
              <span className="font-semibold text-brand-600">BaaS</span>
              <TenantSwitcher current={tenantId} tenants={tenants.length ? tenants : [{ id: tenant.id, name: tenant.name, role: tenant.myRole }]} />
            </div>
            <div className="flex items-center gap-3 text-sm text-slate-600">
              <span className="hidden truncate sm:inline" data-testid="whoami">
                {user.email} · {tenant.viaOperator ? "operator (not a member)" : tenant.myRole.toLowerCase()}
              </span>
              {user.platformRole === "OPERATOR" ? (
                <a className="underline" href="/operator/accounts">
                  Operator
                </a>
              ) : null}
              <a className="underline" href="/api/auth/signout">
                Sign out
              </a>
            </div>
          </div>
          <NavLinks tenantId={tenantId} role={tenant.myRole} />
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}

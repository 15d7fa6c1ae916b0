"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "~/components/ui/cn";
import { useTRPC } from "~/trpc/react";

const sections = [
  ["", "overview"],
  ["agents", "agents"],
  ["groups", "groups"],
  ["bindings", "bindings"],
  ["usage", "usage"],
  ["budgets", "budgets"],
  ["alerts", "alerts"],
  ["instances", "instances"],
  ["members", "members"],
  ["audit", "audit"],
  ["billing", "billing"],
] as const;

export function NavLinks({ tenantId, role }: { tenantId: string; role?: string }) {
  const pathname = usePathname();
  const t = useTranslations("common.nav");
  const trpc = useTRPC();
  // The open count in the header, kept fresh while the page stays open.
  const { data: openAlerts } = useQuery({ ...trpc.alert.openCount.queryOptions({ tenantId }), refetchInterval: 60_000 });
  return (
    <nav aria-label={t("label")} className="-mx-1 flex flex-wrap gap-1 sm:flex-nowrap sm:overflow-x-auto">
      {sections.filter(([slug]) => slug !== "billing" || role === "OWNER" || role === "ADMIN").map(([slug, label]) => {
        const href = slug ? `/t/${tenantId}/${slug}` : `/t/${tenantId}`;
        const active = slug ? pathname.startsWith(href) : pathname === href;
        return (
          <Link key={slug || "overview"} href={href} aria-current={active ? "page" : undefined} className={cn("whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium", active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100")}>
            {t(label)}
            {slug === "alerts" && openAlerts ? (
              <span className="ml-1.5 rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="open-alerts" aria-label={t("openAlerts", { count: openAlerts })}>
                {openAlerts > 99 ? "99+" : openAlerts}
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}

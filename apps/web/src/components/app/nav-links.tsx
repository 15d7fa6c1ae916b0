"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "~/components/ui/cn";

const sections = [
  ["", "Overview"],
  ["agents", "Agents"],
  ["groups", "Groups"],
  ["bindings", "Bindings"],
  ["budgets", "Budgets"],
  ["instances", "Instances"],
  ["members", "Members"],
  ["audit", "Audit log"],
] as const;

export function NavLinks({ tenantId }: { tenantId: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Sections" className="-mx-1 flex flex-wrap gap-1 sm:flex-nowrap sm:overflow-x-auto">
      {sections.map(([slug, label]) => {
        const href = slug ? `/t/${tenantId}/${slug}` : `/t/${tenantId}`;
        const active = slug ? pathname.startsWith(href) : pathname === href;
        return (
          <Link key={slug || "overview"} href={href} aria-current={active ? "page" : undefined} className={cn("whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium", active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100")}>
            {label}
          </Link>
        );
      })}
    </nav>
  );
}

"use client";
import { useTranslations } from "next-intl";
import { usePathname, useRouter } from "next/navigation";

/** For people in several tenants: keeps the current section when switching. */
export function TenantSwitcher({ current, tenants }: { current: string; tenants: Array<{ id: string; name: string; role: string }> }) {
  const router = useRouter();
  const pathname = usePathname();
  const t = useTranslations("common");
  if (tenants.length < 2) return <span className="truncate text-sm font-medium">{tenants.find((x) => x.id === current)?.name}</span>;
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">{t("nav.tenant")}</span>
      <select
        aria-label={t("nav.switchTenant")}
        className="h-9 max-w-48 rounded-md border border-slate-300 bg-white px-2 text-sm"
        value={current}
        onChange={(e) => {
          const section = pathname.split("/")[3] ?? "agents";
          router.push(`/t/${e.target.value}/${section}`);
        }}
      >
        {tenants.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name} ({t(`roles.${x.role as "OWNER"}`)})
          </option>
        ))}
      </select>
    </label>
  );
}

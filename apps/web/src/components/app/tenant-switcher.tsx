"use client";
import { usePathname, useRouter } from "next/navigation";

/** For people in several tenants: keeps the current section when switching. */
export function TenantSwitcher({ current, tenants }: { current: string; tenants: Array<{ id: string; name: string; role: string }> }) {
  const router = useRouter();
  const pathname = usePathname();
  if (tenants.length < 2) return <span className="truncate text-sm font-medium">{tenants.find((t) => t.id === current)?.name}</span>;
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">Tenant</span>
      <select
        aria-label="Switch tenant"
        className="h-9 max-w-48 rounded-md border border-slate-300 bg-white px-2 text-sm"
        value={current}
        onChange={(e) => {
          const section = pathname.split("/")[3] ?? "agents";
          router.push(`/t/${e.target.value}/${section}`);
        }}
      >
        {tenants.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} ({t.role.toLowerCase()})
          </option>
        ))}
      </select>
    </label>
  );
}

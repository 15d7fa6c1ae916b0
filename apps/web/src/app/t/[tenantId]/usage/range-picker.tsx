"use client";
import { useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";

const PRESETS = ["today", "7d", "30d", "90d"] as const;

/** The window every usage screen reads; it lives in the URL so drill-downs and reloads keep it. */
export function RangePicker({ range, from, to }: { range: string; from?: string; to?: string }) {
  const router = useRouter();
  const t = useTranslations("usage.range");
  const pathname = usePathname();
  const params = useSearchParams();
  const [custom, setCustom] = useState({ from: from ?? "", to: to ?? "" });
  const go = (next: Record<string, string>) => {
    const p = new URLSearchParams(params.toString());
    for (const k of ["range", "from", "to"]) p.delete(k);
    for (const [k, v] of Object.entries(next)) p.set(k, v);
    router.push(`${pathname}?${p.toString()}`);
  };
  return (
    <div className="flex flex-wrap items-end gap-2" data-testid="range-picker">
      <div className="flex flex-wrap gap-1" role="group" aria-label={t("label")}>
        {PRESETS.map((k) => (
          <button key={k} type="button" onClick={() => go({ range: k })} aria-pressed={range === k}
            className={cn("rounded-md px-3 py-1.5 text-sm font-medium", range === k ? "bg-brand-600 text-white" : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50")}>
            {t(k)}
          </button>
        ))}
      </div>
      <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); go({ range: "custom", from: custom.from, to: custom.to }); }}>
        <label className="text-xs text-slate-600">{t("from")}<input type="date" name="from" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.target.value })} className="ml-1 h-8 rounded-md border border-slate-300 px-2 text-sm" /></label>
        <label className="text-xs text-slate-600">{t("to")}<input type="date" name="to" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} className="ml-1 h-8 rounded-md border border-slate-300 px-2 text-sm" /></label>
        <Button type="submit" size="sm" variant={range === "custom" ? "primary" : "secondary"}>{t("custom")}</Button>
      </form>
    </div>
  );
}

"use client";
import { useTranslations } from "next-intl";
import { Button } from "~/components/ui/button";
import { download, toCsv, toJson, type ScreenTable } from "./export";

/** Downloads the screen's tables, as they are shown, as CSV or JSON. */
export function ExportButtons({ name, meta, tables }: { name: string; meta: Record<string, unknown>; tables: ScreenTable[] }) {
  const t = useTranslations("usage.export");
  return (
    <div className="flex gap-2">
      <Button size="sm" variant="secondary" data-testid="export-csv" onClick={() => download(`${name}.csv`, "text/csv;charset=utf-8", toCsv(tables))}>{t("csv")}</Button>
      <Button size="sm" variant="secondary" data-testid="export-json" onClick={() => download(`${name}.json`, "application/json", toJson(meta, tables))}>{t("json")}</Button>
    </div>
  );
}

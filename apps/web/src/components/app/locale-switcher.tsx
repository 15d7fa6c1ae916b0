"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "~/i18n/set-locale";
import { locales } from "~/i18n/locales";

/** Header language switch: saved for the signed-in person and in a cookie before sign-in. */
export function LocaleSwitcher() {
  const t = useTranslations("common.locale");
  const current = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <label className="flex items-center text-sm">
      <span className="sr-only">{t("label")}</span>
      <select
        aria-label={t("label")}
        data-testid="locale-switcher"
        disabled={pending}
        className="h-8 rounded-md border border-slate-300 bg-white px-1.5 text-sm"
        value={current}
        onChange={(e) => {
          const next = e.target.value;
          start(async () => {
            await setLocale(next);
            router.refresh();
          });
        }}
      >
        {locales.map((l) => (
          <option key={l} value={l}>
            {t(l === "en" ? "en" : "ptBR")}
          </option>
        ))}
      </select>
    </label>
  );
}

"use client";
import { useLocale, useTranslations } from "next-intl";
import type { FieldErrors, FieldValues } from "react-hook-form";

/**
 * A form field's error in the reader's language. The schemas (shared with the server) word their
 * messages in English; in another language each field gets its own sentence from `namespace`
 * ("budgets.invalid.name"), which says what the field accepts.
 */
export function useFieldError<T extends FieldValues>(errors: FieldErrors<T>, namespace: "budgets.invalid" | "budgets.rate.invalid") {
  const locale = useLocale();
  const t = useTranslations(namespace);
  return (field: string): string | undefined => {
    const message = (errors as Record<string, { message?: unknown } | undefined>)[field]?.message;
    if (!message) return undefined;
    return locale === "en" || !t.has(field as never) ? String(message) : t(field as never);
  };
}

import type { IntlError } from "next-intl";
import { strictI18n } from "../env";

/**
 * A missing or broken message throws outside production (dev server, tests), so it is caught
 * before it ships; in production it is logged once per render and the key path is shown.
 */
export function intlErrorHandler(strict = strictI18n()): (error: IntlError) => void {
  return (error) => {
    if (strict) throw error;
    console.error(JSON.stringify({ level: "error", msg: "i18n", code: error.code, detail: error.message.slice(0, 300) }));
  };
}

export function messageFallback({ namespace, key }: { namespace?: string; key: string }): string {
  return namespace ? `${namespace}.${key}` : key;
}

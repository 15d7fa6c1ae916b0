import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { getSessionUser } from "~/server/auth/session";
import { intlErrorHandler, messageFallback } from "./errors";
import { LOCALE_COOKIE, resolveLocale } from "./locales";

/** Which language this request is answered in (no locale in the URL): saved choice, cookie, browser. */
export default getRequestConfig(async () => {
  const [jar, h, user] = await Promise.all([cookies(), headers(), getSessionUser().catch(() => null)]);
  const locale = resolveLocale({ userLocale: user?.locale, cookie: jar.get(LOCALE_COOKIE)?.value, acceptLanguage: h.get("accept-language") });
  // Merged from messages/<locale>/*.json by next.config.ts (see ./catalog.ts).
  const messages = ((await import(`./generated/${locale}.json`)) as { default: Record<string, unknown> }).default;
  return { locale, messages, timeZone: "America/Sao_Paulo", onError: intlErrorHandler(), getMessageFallback: messageFallback };
});

import { createTranslator } from "next-intl";
import { intlErrorHandler, messageFallback } from "~/i18n/errors";
import { emailLocale, type Locale } from "~/i18n/locales";

type Messages = Record<string, unknown>;

/** The catalogs merged by next.config.ts, bundled with the server like the pages' own. */
async function messagesOf(locale: Locale): Promise<Messages> {
  return ((await import(`../../i18n/generated/${locale}.json`)) as { default: Messages }).default;
}

/**
 * A translator for one e-mail in the recipient's language (their saved choice, else the tenant's);
 * e-mails use the same catalogs and the same missing-key rules as the pages.
 */
export async function emailTranslator(namespace: string, recipientLocale: string | null | undefined, tenantCurrency?: string | null) {
  const locale = emailLocale(recipientLocale, tenantCurrency);
  const messages = await messagesOf(locale);
  return { locale, t: createTranslator({ locale, messages, namespace: namespace as never, onError: intlErrorHandler(), getMessageFallback: messageFallback }) as unknown as (key: string, values?: Record<string, string | number>) => string };
}

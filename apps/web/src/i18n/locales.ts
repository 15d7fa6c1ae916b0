/** The languages the app speaks, and how a request's language is chosen (no locale in the URL). */
export const locales = ["pt-BR", "en"] as const;
export type Locale = (typeof locales)[number];
/** The people this is for are Brazilian: anyone whose browser states nothing we speak gets Portuguese. */
export const defaultLocale: Locale = "pt-BR";
/** Remembers the choice before sign-in (and on this device after it). */
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (locales as readonly string[]).includes(v);
}

/** Maps any tag we can serve (pt, pt-PT, en-GB…) onto one of ours. */
export function localeOfTag(tag: string | null | undefined): Locale | null {
  const base = tag?.trim().toLowerCase().split("-")[0];
  if (base === "pt") return "pt-BR";
  if (base === "en") return "en";
  return null;
}

/** The first language in an Accept-Language header we speak, by its q-weights. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.trim().slice(2) ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const l = localeOfTag(tag);
    if (l) return l;
  }
  return null;
}

/** Saved choice of the signed-in person, then this device's cookie, then the browser, then Portuguese. */
export function resolveLocale(input: { userLocale?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(input.userLocale)) return input.userLocale;
  if (isLocale(input.cookie)) return input.cookie;
  return localeFromAcceptLanguage(input.acceptLanguage) ?? defaultLocale;
}

/** The language for an e-mail: the recipient's saved choice, else the tenant's (its currency's country), else ours. */
export function emailLocale(recipientLocale: string | null | undefined, tenantCurrency?: string | null): Locale {
  if (isLocale(recipientLocale)) return recipientLocale;
  if (tenantCurrency && tenantCurrency !== "BRL") return "en";
  return defaultLocale;
}

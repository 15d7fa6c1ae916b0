"use server";
import { cookies } from "next/headers";
import { getSessionUser } from "~/server/auth/session";
import { getServices } from "~/server/services";
import { isLocale, LOCALE_COOKIE } from "./locales";

/** The header's language switch: this device's cookie always, and the person's saved choice when signed in. */
export async function setLocale(locale: string): Promise<{ ok: boolean }> {
  if (!isLocale(locale)) return { ok: false };
  const jar = await cookies();
  jar.set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: false });
  const user = await getSessionUser().catch(() => null);
  if (user) await getServices().db.user.update({ where: { id: user.id }, data: { locale } });
  return { ok: true };
}

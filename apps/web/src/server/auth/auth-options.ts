import "server-only";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { AuthOptions } from "next-auth";
import type { EmailConfig } from "next-auth/providers/email";
import { env } from "~/env";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, resolveLocale } from "~/i18n/locales";
import { emailTranslator } from "../email/email-i18n";
import { linkEmailHtml, sendEmail } from "../email/send-email";
import { getServices } from "../services";
import { MAGIC_LINK_MAX_AGE_SEC } from "./magic-link";
import { normalizeIdentifier } from "./normalize-email";

/** Built without nodemailer: every email goes through Resend (or the demo inbox). */
function emailProvider(): EmailConfig {
  return {
    id: "email",
    type: "email",
    name: "Email",
    server: {},
    from: env().EMAIL_FROM,
    maxAge: MAGIC_LINK_MAX_AGE_SEC,
    options: {},
    normalizeIdentifier,
    async sendVerificationRequest({ identifier, url }) {
      const { t } = await emailTranslator("emails", await signInLocale(identifier));
      await sendEmail({
        to: identifier,
        subject: t("signIn.subject"),
        text: t("signIn.text", { url }),
        html: linkEmailHtml(t("signIn.title"), t("signIn.body"), url, t("signIn.cta"), t("footer")),
        link: url,
      });
    },
  } as EmailConfig;
}

/** The language of a sign-in e-mail: the person's saved choice, else the page they asked from (cookie, browser). */
async function signInLocale(email: string): Promise<string> {
  const saved = await getServices().db.user.findUnique({ where: { email }, select: { locale: true } });
  const [jar, h] = await Promise.all([cookies(), headers()]).catch(() => [null, null] as const);
  return resolveLocale({ userLocale: saved?.locale, cookie: jar?.get(LOCALE_COOKIE)?.value, acceptLanguage: h?.get("accept-language") });
}

let cached: AuthOptions | undefined;

export function authOptions(): AuthOptions {
  if (cached) return cached;
  const { db } = getServices();
  cached = {
    secret: env().AUTH_SECRET,
    // The adapter is typed against an older Prisma client; the models match next-auth's schema.
    adapter: PrismaAdapter(db as never),
    session: { strategy: "database", maxAge: 30 * 24 * 3600 },
    providers: [emailProvider()],
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    callbacks: {
      session({ session, user }) {
        const u = user as typeof user & { platformRole?: "NONE" | "OPERATOR"; locale?: string | null };
        return { ...session, user: { id: u.id, email: u.email, name: u.name ?? null, platformRole: u.platformRole ?? "NONE", locale: u.locale ?? null } };
      },
    },
  };
  return cached;
}

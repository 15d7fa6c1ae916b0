import "server-only";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { AuthOptions } from "next-auth";
import type { EmailConfig } from "next-auth/providers/email";
import { env } from "~/env";
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
      await sendEmail({
        to: identifier,
        subject: "Your BaaS sign-in link",
        text: `Sign in to BaaS: ${url}\n\nThe link works once and expires in 15 minutes.`,
        html: linkEmailHtml("Sign in to BaaS", "Click to sign in. No password needed.", url, "Sign in"),
        link: url,
      });
    },
  } as EmailConfig;
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

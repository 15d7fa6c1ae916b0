import "server-only";
import type { ApiServices } from "@baas/api";
import { getDb } from "@baas/db";
import { env } from "~/env";
import { createMagicLink } from "./auth/magic-link";
import { linkEmailHtml, sendEmail } from "./email/send-email";

const g = globalThis as unknown as { __baasServices?: ApiServices };

/**
 * Built once per process: the database pool, the invitation mailer and (once the gateway team's
 * engine is wired in) the gateway engine with its hot store.
 */
export function getServices(): ApiServices {
  if (g.__baasServices) return g.__baasServices;
  const db = getDb(env().DATABASE_URL);
  const services: ApiServices = {
    db,
    invitationMailer: {
      async sendInvitation({ email, tenantName, inviterEmail, role, invitePath }) {
        // The invitation itself is a magic link: one click signs the invitee in and lands on the accept page.
        const link = await createMagicLink(db, email, invitePath);
        const body = `${inviterEmail} invited you to ${tenantName} on BaaS as ${role.toLowerCase()}.`;
        await sendEmail({ to: email, subject: `Join ${tenantName} on BaaS`, text: `${body}\n\nAccept: ${link}`, html: linkEmailHtml(`Join ${tenantName}`, body, link, "Accept invitation"), link });
      },
    },
    ...gatewayServices(),
  };
  g.__baasServices = services;
  return services;
}

/** Placeholder until @baas/gateway exports createGatewayEngine; see gateway-services in the report. */
function gatewayServices(): Partial<ApiServices> {
  return {};
}

import "server-only";
import { createAlertNotifier, type ApiServices } from "@baas/api";
import { getDb, parseEncryptionKey, splitPoolLimit } from "@baas/db";
import { createGatewayEngine, createMemoryHotStore, createRedisHotStore, type HotStore } from "@baas/gateway";
import { env, isDemoMode } from "~/env";
import { createMagicLink } from "./auth/magic-link";
import { createBilling, startGraceSweeper } from "./billing";
import { composeAlertMail } from "./email/alert-mail";
import { emailTranslator } from "./email/email-i18n";
import { escapeHtml, linkEmailHtml, sendEmail } from "./email/send-email";

const g = globalThis as unknown as { __baasServices?: ApiServices; __baasFull?: Promise<ApiServices>; __baasHot?: Promise<HotStore> };

/**
 * The process's one hot store (Redis when REDIS_URL is set, so every process shares budgets,
 * sign-in limits and revocations; else in-process).
 */
export function getHotStore(): Promise<HotStore> {
  g.__baasHot ??= (async () => (env().REDIS_URL ? await createRedisHotStore({ url: env().REDIS_URL!, prefix: env().REDIS_KEY_PREFIX }) : createMemoryHotStore()))().catch(
    (e: unknown) => {
      g.__baasHot = undefined;
      throw e;
    },
  );
  return g.__baasHot;
}

/**
 * Built once per process: the database pool and the invitation mailer (synchronous, for auth).
 * getApiServices() adds the gateway engine.
 */
export function getServices(): ApiServices {
  if (g.__baasServices) return g.__baasServices;
  const db = getDb(env().DATABASE_URL);
  const key = env().BAAS_ENCRYPTION_KEY;
  const services: ApiServices = {
    db,
    // Operators store upstream credentials encrypted with the same key the gateway decrypts with.
    encryptionKey: key ? parseEncryptionKey(key) : undefined,
    // Alert webhooks to a loopback receiver only in demo mode (a tenant must not aim the server at itself).
    webhookAllowLoopback: isDemoMode(),
    billing: createBilling(),
    invitationMailer: {
      async sendInvitation({ email, tenantId, tenantName, inviterEmail, role, invitePath }) {
        // The invitation itself is a magic link: one click signs the invitee in and lands on the accept page.
        const link = await createMagicLink(db, email, invitePath);
        // In the invitee's language when they already have an account, else the workspace's.
        const [invitee, tenant] = await Promise.all([db.user.findUnique({ where: { email }, select: { locale: true } }), db.tenant.findUnique({ where: { id: tenantId }, select: { currency: true } })]);
        const { t } = await emailTranslator("emails", invitee?.locale, tenant?.currency);
        const body = t("invite.body", { inviter: inviterEmail, tenant: tenantName, role: t(`roles.${role}`) });
        await sendEmail({ to: email, subject: t("invite.subject", { tenant: tenantName }), text: `${body}\n\n${t("invite.accept", { link })}`, html: linkEmailHtml(t("invite.title", { tenant: tenantName }), body, link, t("invite.cta"), t("footer")), link });
      },
    },
  };
  g.__baasServices = services;
  return services;
}

/** Budget thresholds reach the tenant's owners and admins by e-mail (Resend, or the dev inbox): from calls and from the cron alike. */
export function getAlertNotifier() {
  const key = getServices().encryptionKey;
  return createAlertNotifier({
    db: getServices().db,
    webhook: key
      ? { encryptionKey: key, allowLoopback: isDemoMode(), onResult: (tenantId, r) => { if (!r.ok) console.warn(JSON.stringify({ level: "warn", msg: "alert webhook not delivered", tenantId, attempts: r.attempts, status: r.status, error: r.error })); } }
      : undefined,
    appUrl: env().APP_URL,
    compose: composeAlertMail,
    send: (m) => sendEmail({ ...m, html: `<pre style="font-family:system-ui,sans-serif;white-space:pre-wrap">${escapeHtml(m.text)}</pre>`, link: `${env().APP_URL}` }),
  });
}

/**
 * Every service including the gateway engine (its Redis hot store connects asynchronously).
 * Without BAAS_ENCRYPTION_KEY the engine is left out: gateway.* then answers "not configured".
 */
export function getApiServices(): Promise<ApiServices> {
  g.__baasFull ??= (async () => {
    const base = getServices();
    const key = env().BAAS_ENCRYPTION_KEY;
    if (!key) return base;
    const hot = await getHotStore();
    // Usage rows get their own small pool (one round trip per group-commit batch), except on a
    // single-session server (the embedded PGlite, connection_limit=1) where a second pool would
    // interleave with the app's queries.
    const { connectionString, max } = splitPoolLimit(env().DATABASE_URL);
    const usage = max === 1 ? undefined : { databaseUrl: connectionString };
    const gateway = createGatewayEngine({ db: base.db, hot, encryptionKey: parseEncryptionKey(key), usage, notifier: getAlertNotifier() });
    Object.assign(base, { gateway });
    startGraceSweeper(base);
    return base;
  })().catch((e: unknown) => {
    g.__baasFull = undefined;
    throw e;
  });
  return g.__baasFull;
}

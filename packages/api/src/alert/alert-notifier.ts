import type { Db } from "@baas/db";
import type { GatewayAlert, Notifier } from "@baas/gateway";
import { deliverWebhook, type DeliveryResult } from "../webhook/deliver";
import { webhookTarget } from "../webhook/webhook.service";
import { budgetAlertEmail } from "./alert-email";

export interface AlertMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Delivers budget threshold alerts by e-mail to the tenant's owners and admins. The engine calls
 * it once per alert (the alert's unique dedupe key decides who raised it), so each threshold of
 * each period is mailed once, however many processes serve calls.
 */
export interface AlertWebhookOptions {
  /** Decrypts the tenants' signing secrets (BAAS_ENCRYPTION_KEY). */
  encryptionKey: Buffer;
  /** Told of each delivery's outcome (logged by the host); tests inject sleep to skip the backoff. */
  onResult?: (tenantId: string, r: DeliveryResult) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Demo mode and tests: a receiver on loopback is allowed (never in production). */
  allowLoopback?: boolean;
}

/** The alert as the tenant's webhook receives it (no secrets, ids and figures only). */
const webhookBody = (alert: GatewayAlert, link: string) =>
  JSON.stringify({ type: "alert", id: alert.alertId, kind: alert.kind, severity: alert.severity, tenantId: alert.tenantId, budgetId: alert.budgetId ?? null, thresholdPct: alert.thresholdPct ?? null, periodKey: alert.periodKey ?? null, message: alert.message, budget: alert.budget ?? null, link });

/** What a host may supply to write the e-mail in the recipient's language (apps/web does, from its catalogs). */
export type AlertMailComposer = (alert: GatewayAlert, ctx: { tenantName: string; tenantCurrency: string; link: string; recipientLocale: string | null }) => Promise<{ subject: string; text: string } | null>;

export function createAlertNotifier(opts: { db: Db; appUrl: string; send: (mail: AlertMail) => Promise<void>; webhook?: AlertWebhookOptions; compose?: AlertMailComposer }): Notifier {
  const hook = async (tenantId: string, body: () => string) => {
    const w = opts.webhook;
    const target = w ? await webhookTarget(opts.db, tenantId, w.encryptionKey) : null;
    if (!w || !target) return;
    w.onResult?.(tenantId, await deliverWebhook({ ...target, body: body(), sleep: w.sleep, allowLoopback: w.allowLoopback }));
  };
  return {
    async notify(alert: GatewayAlert) {
      if (!alert.tenantId) return;
      const tenant = await opts.db.tenant.findUnique({
        where: { id: alert.tenantId },
        select: { name: true, currency: true, memberships: { where: { role: { in: ["OWNER", "ADMIN"] } }, select: { user: { select: { email: true, locale: true } } } } },
      });
      if (!tenant) return;
      const link = `${opts.appUrl.replace(/\/$/, "")}/t/${alert.tenantId}/budgets`;
      const mail = budgetAlertEmail(alert, tenant.name, link);
      if (!mail) return;
      // Retries with backoff take up to a minute: they run on their own, the e-mails do not wait.
      void hook(alert.tenantId, () => webhookBody(alert, link)).catch(() => undefined);
      const to = [...new Map(tenant.memberships.map((m) => [m.user.email, m.user.locale] as const))];
      const compose = opts.compose;
      await Promise.all(
        to.map(async ([address, recipientLocale]) => {
          // Each person reads it in their own language (else the tenant's); the English text is the fallback.
          const own = compose ? await compose(alert, { tenantName: tenant.name, tenantCurrency: tenant.currency, link, recipientLocale }) : null;
          await opts.send({ to: address, ...(own ?? mail) });
        }),
      );
    },
  };
}

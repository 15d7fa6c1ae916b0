import type { Db } from "@baas/db";
import type { GatewayAlert, Notifier } from "@baas/gateway";
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
export function createAlertNotifier(opts: { db: Db; appUrl: string; send: (mail: AlertMail) => Promise<void> }): Notifier {
  return {
    async notify(alert: GatewayAlert) {
      if (!alert.tenantId) return;
      const tenant = await opts.db.tenant.findUnique({
        where: { id: alert.tenantId },
        select: { name: true, memberships: { where: { role: { in: ["OWNER", "ADMIN"] } }, select: { user: { select: { email: true } } } } },
      });
      if (!tenant) return;
      const mail = budgetAlertEmail(alert, tenant.name, `${opts.appUrl.replace(/\/$/, "")}/t/${alert.tenantId}/budgets`);
      if (!mail) return;
      const to = [...new Set(tenant.memberships.map((m) => m.user.email))];
      await Promise.all(to.map((address) => opts.send({ to: address, ...mail })));
    },
  };
}

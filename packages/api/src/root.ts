import { agentRouter } from "./agent/agent.router";
import { alertRouter } from "./alert/alert.router";
import { analyticsRouter } from "./analytics/analytics.router";
import { webhookRouter } from "./webhook/webhook.router";
import { auditRouter } from "./audit/audit.router";
import { billingRouter } from "./billing/billing.router";
import { bindingRouter } from "./binding/binding.router";
import { budgetRouter } from "./budget/budget.router";
import { rateLimitRouter } from "./rate-limit/rate-limit.router";
import { channelRouter } from "./channel/channel.router";
import { configRevisionRouter } from "./config-revision/config-revision.router";
import { instanceAdminRouter } from "./instance-admin/instance-admin.router";
import { invitationRouter } from "./invitation/invitation.router";
import { memberRouter } from "./member/member.router";
import { overviewRouter } from "./overview/overview.router";
import { tenantRouter } from "./tenant/tenant.router";
import { gatewayRouter } from "./gateway/gateway.router";
import { healthRouter } from "./health/health.router";
import { instanceRouter } from "./instance/instance.router";
import { operatorRouter } from "./operator/operator.router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

/** A flat map of domain routers; each domain lives in its own folder. */
export const appRouter = createTRPCRouter({
  health: healthRouter,
  gateway: gatewayRouter,
  tenant: tenantRouter,
  member: memberRouter,
  invitation: invitationRouter,
  agent: agentRouter,
  channel: channelRouter,
  binding: bindingRouter,
  configRevision: configRevisionRouter,
  audit: auditRouter,
  instanceAdmin: instanceAdminRouter,
  overview: overviewRouter,
  budget: budgetRouter,
  alert: alertRouter,
  rateLimit: rateLimitRouter,
  analytics: analyticsRouter,
  webhook: webhookRouter,
  billing: billingRouter,
  instance: instanceRouter,
  operator: operatorRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

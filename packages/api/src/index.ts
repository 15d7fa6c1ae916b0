import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root";

export { appRouter, createCaller, type AppRouter } from "./root";
export { createTRPCContext, type ApiServices, type Context, type SessionUser } from "./context";
export { toTRPCError, hashInstanceKey } from "./trpc";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { createApiHandler, type HandlerOptions } from "./http/handler";
export { startApiServer, type ApiServer } from "./http/node-server";
export { createNodeApiHandler, type NodeApiHandler } from "./http/node-handler";
export { createAlertNotifier, type AlertMail, type AlertMailComposer } from "./alert/alert-notifier";
export { runScheduledEvaluation, type EvaluationResult } from "./evaluation/evaluate";
export { createStripeClient, type BillingServices, type BillingMail, type PaymentFailedFacts } from "./billing/billing-services";
export { handleStripeWebhook, type WebhookAnswer } from "./billing/webhook";
export { sweepExpiredGrace } from "./billing/grace";

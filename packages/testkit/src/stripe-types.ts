import type { FakeStripeState, StripeObject, WebhookDelivery } from "./stripe-state";

export interface FakeStripeOptions {
  port?: number;
  /** Loopback only; default 127.0.0.1. */
  host?: string;
  /** Where signed events are POSTed (e.g. the app's /api/stripe/webhook). */
  webhookUrl?: string;
  /** `whsec_…` secret the receiver verifies signatures with. */
  webhookSecret?: string;
}

export interface FakeStripe {
  url: string;
  host: string;
  port: number;
  protocol: "http";
  state: FakeStripeState;
  /** Completes a checkout session as the hosted page's Pay button does (webhooks included). */
  pay(sessionId: string): Promise<StripeObject>;
  /** Resolves once every webhook delivery started so far has finished. */
  flushWebhooks(): Promise<WebhookDelivery[]>;
  /** A renewal whose payment fails (invoice.payment_failed, subscription past_due), webhooks delivered. */
  failRenewal(subscriptionId: string): Promise<WebhookDelivery[]>;
  /** The open invoice gets paid (invoice.paid, subscription active again), webhooks delivered. */
  recoverRenewal(subscriptionId: string): Promise<WebhookDelivery[]>;
  /** Changes where events go (e.g. once the app under test knows its port). */
  setWebhook(url: string | undefined, secret?: string): void;
  close(): Promise<void>;
}

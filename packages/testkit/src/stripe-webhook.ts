import Stripe from "stripe";
import { nowSec, stripeId, type StripeObject } from "./stripe-state";

/** API version stamped on generated events (the one stripe@23 pins). */
export const FAKE_API_VERSION = "2026-10-28.endive";

/** `Stripe-Signature` header value for a payload, made by the real SDK's test helper. */
export function signStripeEvent(payload: string, secret: string): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret });
}

export function makeEvent(type: string, object: StripeObject, previous?: Record<string, unknown>): StripeObject {
  const data: Record<string, unknown> = { object: structuredClone(object) };
  if (previous) data.previous_attributes = previous;
  return {
    id: stripeId("evt"),
    object: "event",
    api_version: FAKE_API_VERSION,
    created: nowSec(),
    data,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export interface WebhookResult {
  status: number;
  body: string;
}

/**
 * POSTs a signed event the way Stripe does (pretty-printed JSON body, `Stripe-Signature`),
 * so the receiver can verify it with `stripe.webhooks.constructEvent`.
 */
export async function sendStripeWebhook(url: string, secret: string, event: unknown, timeoutMs = 10_000): Promise<WebhookResult> {
  const payload = JSON.stringify(event, null, 2);
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      "stripe-signature": signStripeEvent(payload, secret),
    },
    body: payload,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, body: await res.text() };
}

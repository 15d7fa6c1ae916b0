import { randomId } from "./http-util";

/** Stored Stripe objects are plain JSON, exactly what the API returns for them. */
export type StripeObject = Record<string, unknown> & { id: string; object: string };

export interface StripeLine {
  price: string;
  quantity: number;
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  /** HTTP status of the receiver, or null when it could not be reached. */
  status: number | null;
  error?: string;
  responseBody?: string;
}

export interface FakeStripeState {
  customers: Map<string, StripeObject>;
  products: Map<string, StripeObject>;
  prices: Map<string, StripeObject>;
  checkoutSessions: Map<string, StripeObject>;
  /** Line items per checkout session (Stripe only returns them when expanded). */
  sessionLines: Map<string, StripeLine[]>;
  /** `subscription_data[metadata]` per checkout session, copied onto the subscription it creates. */
  sessionSubscriptionMetadata: Map<string, Record<string, string>>;
  subscriptions: Map<string, StripeObject>;
  portalSessions: Map<string, StripeObject>;
  invoices: Map<string, StripeObject>;
  /** Every event the fake generated, oldest first. */
  events: StripeObject[];
  deliveries: WebhookDelivery[];
}

export function createStripeState(): FakeStripeState {
  return {
    customers: new Map(),
    products: new Map(),
    prices: new Map(),
    checkoutSessions: new Map(),
    sessionLines: new Map(),
    sessionSubscriptionMetadata: new Map(),
    subscriptions: new Map(),
    portalSessions: new Map(),
    invoices: new Map(),
    events: [],
    deliveries: [],
  };
}

/** Finds any stored object by id; used by `expand[]`. */
export function findObject(state: FakeStripeState, id: string): StripeObject | undefined {
  const stores = [state.customers, state.subscriptions, state.prices, state.products, state.checkoutSessions, state.invoices];
  for (const store of stores) {
    const hit = store.get(id);
    if (hit) return hit;
  }
  return undefined;
}

/** Test-mode ids look like Stripe's: `cus_…`, `cs_test_…`, `sub_…`. */
export function stripeId(prefix: string): string {
  return prefix === "cs" ? randomId("cs_test_", 58) : randomId(`${prefix}_`, 14);
}

export const nowSec = (): number => Math.floor(Date.now() / 1000);

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param?: string,
    readonly code?: string,
  ) {
    super(message);
  }

  toJSON(): Record<string, unknown> {
    const error: Record<string, unknown> = { type: "invalid_request_error", message: this.message };
    if (this.param) error.param = this.param;
    if (this.code) error.code = this.code;
    return { error };
  }
}

export function missing(kind: string, id: string): StripeApiError {
  return new StripeApiError(404, `No such ${kind}: '${id}'`, "id", "resource_missing");
}

export function required(param: string): StripeApiError {
  return new StripeApiError(400, `Missing required param: ${param}.`, param, "parameter_missing");
}

import { checkMode, createCustomer, getOrThrow, parseLines } from "./stripe-objects";
import { bool, list, metadata, record, str, type Params } from "./stripe-params";
import { nowSec, required, StripeApiError, stripeId, type FakeStripeState, type StripeLine, type StripeObject } from "./stripe-state";
import { makeEvent } from "./stripe-webhook";

function totals(state: FakeStripeState, lines: StripeLine[]): { amount: number; currency: string | null } {
  let amount = 0;
  let currency: string | null = null;
  for (const l of lines) {
    const price = state.prices.get(l.price);
    amount += Number(price?.unit_amount ?? 0) * l.quantity;
    currency ??= typeof price?.currency === "string" ? price.currency : null;
  }
  return { amount, currency };
}

export function createCheckoutSession(state: FakeStripeState, p: Params, baseUrl: string): StripeObject {
  const mode = checkMode(str(p.mode));
  const successUrl = str(p.success_url);
  if (!successUrl) throw required("success_url");
  const lines = parseLines(state, p.line_items);
  if (mode !== "setup" && lines.length === 0) throw required("line_items");
  const customer = str(p.customer);
  if (customer) getOrThrow(state.customers, "customer", customer);
  const { amount, currency } = totals(state, lines);
  const id = stripeId("cs");
  const session: StripeObject = {
    id, object: "checkout.session", url: `${baseUrl}/checkout/${id}`, mode, ui_mode: "hosted",
    status: "open", payment_status: mode === "setup" ? "no_payment_required" : "unpaid",
    customer: customer ?? null, customer_email: str(p.customer_email) ?? null, customer_details: null,
    client_reference_id: str(p.client_reference_id) ?? null, metadata: metadata(p.metadata),
    success_url: successUrl, cancel_url: str(p.cancel_url) ?? null,
    subscription: null, payment_intent: null, invoice: null,
    amount_subtotal: amount, amount_total: amount, currency,
    created: nowSec(), expires_at: nowSec() + 86_400, livemode: false,
  };
  state.checkoutSessions.set(id, session);
  state.sessionLines.set(id, lines);
  state.sessionSubscriptionMetadata.set(id, metadata(record(p.subscription_data).metadata));
  return session;
}

function addInterval(startSec: number, interval: string, count: number): number {
  const d = new Date(startSec * 1000);
  if (interval === "year") d.setUTCFullYear(d.getUTCFullYear() + count);
  else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7 * count);
  else if (interval === "day") d.setUTCDate(d.getUTCDate() + count);
  else d.setUTCMonth(d.getUTCMonth() + count);
  return Math.floor(d.getTime() / 1000);
}

function subscriptionItem(state: FakeStripeState, subId: string, line: StripeLine, start: number): StripeObject {
  const price = getOrThrow(state.prices, "price", line.price);
  const recurring = record(price.recurring);
  const end = addInterval(start, str(recurring.interval) ?? "month", Number(recurring.interval_count ?? 1));
  return {
    id: stripeId("si"), object: "subscription_item", subscription: subId, created: start, metadata: {},
    price: structuredClone(price), quantity: line.quantity, current_period_start: start, current_period_end: end,
  };
}

export function createSubscription(state: FakeStripeState, customer: string, lines: StripeLine[], meta: Record<string, string>): StripeObject {
  const id = stripeId("sub");
  const start = nowSec();
  const items = lines.map((l) => subscriptionItem(state, id, l, start));
  const first = items[0];
  const sub: StripeObject = {
    id, object: "subscription", customer, status: "active", metadata: meta, livemode: false,
    created: start, start_date: start, billing_cycle_anchor: start,
    // Newer API versions keep the period on items; older code reads it here, so both are set.
    current_period_start: start, current_period_end: first?.current_period_end ?? start,
    cancel_at_period_end: false, cancel_at: null, canceled_at: null, ended_at: null,
    collection_method: "charge_automatically", currency: first ? record(first.price).currency : null,
    default_payment_method: null, latest_invoice: null, trial_start: null, trial_end: null,
    items: { object: "list", data: items, has_more: false, total_count: items.length, url: `/v1/subscription_items?subscription=${id}` },
  };
  state.subscriptions.set(id, sub);
  return sub;
}

/** The hosted page's "Pay": completes the session and returns the events Stripe would send. */
export function completeCheckout(state: FakeStripeState, sessionId: string): { session: StripeObject; events: StripeObject[] } {
  const session = getOrThrow(state.checkoutSessions, "checkout session", sessionId);
  if (session.status !== "open") throw new StripeApiError(400, "This Checkout Session is no longer active.", undefined, "checkout_session_inactive");
  const email = str(session.customer_email) ?? "customer@example.com";
  const customer = str(session.customer) ?? createCustomer(state, { email }).id;
  const lines = state.sessionLines.get(sessionId) ?? [];
  const sub = session.mode === "subscription"
    ? createSubscription(state, customer, lines, state.sessionSubscriptionMetadata.get(sessionId) ?? {})
    : undefined;
  Object.assign(session, {
    status: "complete",
    payment_status: session.mode === "setup" ? "no_payment_required" : "paid",
    customer, subscription: sub?.id ?? null,
    payment_intent: session.mode === "payment" ? stripeId("pi") : null,
    customer_details: { email, name: null, phone: null, address: null, tax_exempt: "none", tax_ids: [] },
  });
  const events = [makeEvent("checkout.session.completed", session)];
  if (sub) events.push(makeEvent("customer.subscription.created", sub));
  state.events.push(...events);
  return { session, events };
}

export function updateSubscription(state: FakeStripeState, id: string, p: Params): { sub: StripeObject; event: StripeObject } {
  const sub = getOrThrow(state.subscriptions, "subscription", id);
  if (sub.status === "canceled") throw new StripeApiError(400, "A canceled subscription can only update its cancellation_details and metadata.");
  const previous: Record<string, unknown> = {};
  const cancel = bool(p.cancel_at_period_end);
  if (cancel !== undefined && cancel !== sub.cancel_at_period_end) {
    previous.cancel_at_period_end = sub.cancel_at_period_end;
    previous.cancel_at = sub.cancel_at;
    sub.cancel_at_period_end = cancel;
    sub.cancel_at = cancel ? sub.current_period_end : null;
  }
  if (p.metadata !== undefined) {
    previous.metadata = sub.metadata;
    sub.metadata = { ...metadata(sub.metadata), ...metadata(p.metadata) };
  }
  if (p.items !== undefined) replaceItems(state, sub, p.items, previous);
  const event = makeEvent("customer.subscription.updated", sub, previous);
  state.events.push(event);
  return { sub, event };
}

/** Plan changes: `items[0][id]=si_…&items[0][price]=price_…` swaps that item's price. */
function replaceItems(state: FakeStripeState, sub: StripeObject, raw: unknown, previous: Record<string, unknown>): void {
  const items = record(sub.items);
  const data = list(items.data) as StripeObject[];
  previous.items = structuredClone(items);
  for (const change of list(raw).map(record)) {
    const priceId = str(change.price);
    if (!priceId) continue;
    const price = getOrThrow(state.prices, "price", priceId);
    const target = data.find((i) => i.id === str(change.id)) ?? data[0];
    if (target) target.price = structuredClone(price);
  }
}

export function cancelSubscription(state: FakeStripeState, id: string): { sub: StripeObject; event: StripeObject } {
  const sub = getOrThrow(state.subscriptions, "subscription", id);
  const now = nowSec();
  Object.assign(sub, { status: "canceled", canceled_at: now, ended_at: now });
  const event = makeEvent("customer.subscription.deleted", sub);
  state.events.push(event);
  return { sub, event };
}

import { getOrThrow } from "./stripe-objects";
import { list, num, record, str, type Params } from "./stripe-params";
import { nowSec, StripeApiError, stripeId, type FakeStripeState, type StripeObject } from "./stripe-state";
import { makeEvent } from "./stripe-webhook";

/** The subscription's first item: its price and period are what an invoice bills. */
function firstItem(sub: StripeObject): StripeObject {
  return (list(record(sub.items).data)[0] ?? {}) as StripeObject;
}

/** An invoice for the subscription's current period, shaped like the API's (both subscription fields). */
export function createInvoice(state: FakeStripeState, sub: StripeObject, baseUrl: string, paid: boolean): StripeObject {
  const item = firstItem(sub);
  const price = record(item.price);
  const amount = Number(price.unit_amount ?? 0) * Number(item.quantity ?? 1);
  const id = stripeId("in");
  const number = `FAKE-${String(state.invoices.size + 1).padStart(4, "0")}`;
  const invoice: StripeObject = {
    id, object: "invoice", customer: sub.customer, subscription: sub.id, number, livemode: false,
    parent: { type: "subscription_details", subscription_details: { subscription: sub.id, metadata: sub.metadata } },
    status: paid ? "paid" : "open", paid, attempted: true, attempt_count: 1,
    amount_due: amount, amount_paid: paid ? amount : 0, amount_remaining: paid ? 0 : amount, total: amount, subtotal: amount,
    currency: price.currency ?? "brl", created: nowSec(),
    period_start: item.current_period_start ?? nowSec(), period_end: item.current_period_end ?? nowSec(),
    hosted_invoice_url: `${baseUrl}/invoice/${id}`, invoice_pdf: `${baseUrl}/invoice/${id}/pdf`,
    status_transitions: { paid_at: paid ? nowSec() : null, finalized_at: nowSec() },
    lines: { object: "list", data: [{ id: stripeId("il"), object: "line_item", amount, currency: price.currency, pricing: { price_details: { price: price.id } } }], has_more: false },
  };
  state.invoices.set(id, invoice);
  return invoice;
}

export function listInvoices(state: FakeStripeState, p: Params): StripeObject[] {
  const customer = str(p.customer);
  const subscription = str(p.subscription);
  const limit = num(p.limit) ?? 10;
  return [...state.invoices.values()]
    .filter((i) => !customer || i.customer === customer)
    .filter((i) => !subscription || i.subscription === subscription)
    .reverse()
    .slice(0, limit);
}

function setStatus(sub: StripeObject, status: string): Record<string, unknown> {
  const previous = { status: sub.status };
  sub.status = status;
  return previous;
}

/** A renewal whose card is declined: an open invoice, the subscription past due, the two events Stripe sends. */
export function failRenewal(state: FakeStripeState, subId: string, baseUrl: string): StripeObject[] {
  const sub = getOrThrow(state.subscriptions, "subscription", subId);
  if (sub.status === "canceled") throw new StripeApiError(400, "This subscription is canceled.");
  const invoice = createInvoice(state, sub, baseUrl, false);
  sub.latest_invoice = invoice.id;
  const previous = setStatus(sub, "past_due");
  const events = [makeEvent("invoice.payment_failed", invoice), makeEvent("customer.subscription.updated", sub, previous)];
  state.events.push(...events);
  return events;
}

/** The customer fixes the card: the open invoice is paid and the subscription active again. */
export function recoverRenewal(state: FakeStripeState, subId: string): StripeObject[] {
  const sub = getOrThrow(state.subscriptions, "subscription", subId);
  const invoice = [...state.invoices.values()].reverse().find((i) => i.subscription === subId && i.status === "open");
  if (!invoice) throw new StripeApiError(400, "No open invoice for this subscription.");
  Object.assign(invoice, { status: "paid", paid: true, amount_paid: invoice.amount_due, amount_remaining: 0, status_transitions: { paid_at: nowSec(), finalized_at: nowSec() } });
  const previous = setStatus(sub, "active");
  const events = [makeEvent("invoice.paid", invoice), makeEvent("customer.subscription.updated", sub, previous)];
  state.events.push(...events);
  return events;
}

/** `POST /v1/prices/:id` and `/v1/products/:id`: what may change on an existing object (never the amount). */
export function updateCatalogObject(obj: StripeObject, p: Params): StripeObject {
  if (p.active !== undefined) obj.active = p.active === true || p.active === "true";
  for (const key of ["nickname", "name", "description"] as const) if (typeof p[key] === "string" && key in obj) obj[key] = p[key];
  if (p.metadata !== undefined) obj.metadata = { ...record(obj.metadata), ...record(p.metadata) };
  if (p.unit_amount !== undefined) throw new StripeApiError(400, "Received unknown parameter: unit_amount", "unit_amount");
  return obj;
}

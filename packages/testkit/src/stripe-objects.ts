import { bool, list, metadata, num, record, str, type Params } from "./stripe-params";
import { missing, nowSec, required, StripeApiError, stripeId, type FakeStripeState, type StripeLine, type StripeObject } from "./stripe-state";

export function createCustomer(state: FakeStripeState, p: Params): StripeObject {
  const customer: StripeObject = {
    id: stripeId("cus"), object: "customer", created: nowSec(), livemode: false,
    email: str(p.email) ?? null, name: str(p.name) ?? null, phone: str(p.phone) ?? null,
    description: str(p.description) ?? null, metadata: metadata(p.metadata),
    address: null, balance: 0, currency: null, delinquent: false, invoice_prefix: null,
    invoice_settings: { default_payment_method: null, custom_fields: null, footer: null },
  };
  state.customers.set(customer.id, customer);
  return customer;
}

export function createProduct(state: FakeStripeState, p: Params): StripeObject {
  const name = str(p.name);
  if (!name) throw required("name");
  const product: StripeObject = {
    id: str(p.id) ?? stripeId("prod"), object: "product", active: bool(p.active) ?? true, name,
    description: str(p.description) ?? null, metadata: metadata(p.metadata),
    created: nowSec(), updated: nowSec(), livemode: false, default_price: null, images: [],
  };
  state.products.set(product.id, product);
  return product;
}

function priceProduct(state: FakeStripeState, p: Params): string {
  const productId = str(p.product);
  if (productId) {
    if (!state.products.has(productId)) throw missing("product", productId);
    return productId;
  }
  if (p.product_data === undefined) throw required("product");
  return createProduct(state, record(p.product_data)).id;
}

export function createPrice(state: FakeStripeState, p: Params): StripeObject {
  const currency = str(p.currency);
  if (!currency) throw required("currency");
  const unitAmount = num(p.unit_amount);
  if (unitAmount === undefined) throw required("unit_amount");
  const product = priceProduct(state, p);
  const r = p.recurring === undefined ? undefined : record(p.recurring);
  const lookupKey = str(p.lookup_key) ?? null;
  // transfer_lookup_key moves the key from an older price, as the real API does.
  if (lookupKey) for (const old of state.prices.values()) if (old.lookup_key === lookupKey) old.lookup_key = null;
  const price: StripeObject = {
    id: stripeId("price"), object: "price", active: bool(p.active) ?? true, currency: currency.toLowerCase(),
    unit_amount: unitAmount, unit_amount_decimal: String(unitAmount), product,
    recurring: r ? { interval: str(r.interval) ?? "month", interval_count: num(r.interval_count) ?? 1, usage_type: "licensed", meter: null, trial_period_days: null } : null,
    type: r ? "recurring" : "one_time", lookup_key: lookupKey, nickname: str(p.nickname) ?? null,
    metadata: metadata(p.metadata), billing_scheme: "per_unit", tax_behavior: "unspecified",
    created: nowSec(), livemode: false, tiers_mode: null, transform_quantity: null,
  };
  state.prices.set(price.id, price);
  return price;
}

/** Prices list with the filters billing code actually uses. */
export function listPrices(state: FakeStripeState, q: Params): StripeObject[] {
  const lookupKeys = list(q.lookup_keys).filter((k): k is string => typeof k === "string");
  const active = bool(q.active);
  const product = str(q.product);
  const type = str(q.type);
  const limit = num(q.limit) ?? 10;
  return [...state.prices.values()]
    .filter((p) => lookupKeys.length === 0 || lookupKeys.includes(String(p.lookup_key)))
    .filter((p) => active === undefined || p.active === active)
    .filter((p) => !product || p.product === product)
    .filter((p) => !type || p.type === type)
    .reverse() // newest first, like Stripe
    .slice(0, limit);
}

export function parseLines(state: FakeStripeState, v: unknown): StripeLine[] {
  return list(v).map((raw, i) => {
    const item = record(raw);
    const price = str(item.price);
    if (!price) throw required(`line_items[${i}][price]`);
    if (!state.prices.has(price)) throw missing("price", price);
    return { price, quantity: num(item.quantity) ?? 1 };
  });
}

export function getOrThrow(store: Map<string, StripeObject>, kind: string, id: string): StripeObject {
  const hit = store.get(id);
  if (!hit) throw missing(kind, id);
  return hit;
}

export function checkMode(mode: string | undefined): string {
  if (!mode) throw required("mode");
  if (mode !== "subscription" && mode !== "payment" && mode !== "setup") {
    throw new StripeApiError(400, `Invalid mode: must be one of payment, setup, or subscription`, "mode");
  }
  return mode;
}

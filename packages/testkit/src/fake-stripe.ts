import type { IncomingMessage, ServerResponse } from "node:http";
import qs from "qs";
import { bearerToken, listen, readBody, sendJson } from "./http-util";
import { isRecord } from "./reply-text";
import { cancelSubscription, completeCheckout, createCheckoutSession, updateSubscription } from "./stripe-checkout";
import { createCustomer, createPrice, createProduct, getOrThrow, listPrices } from "./stripe-objects";
import { checkoutPage, portalPage } from "./stripe-pages";
import { list, metadata, str, type Params } from "./stripe-params";
import { createStripeState, findObject, nowSec, required, StripeApiError, stripeId, type FakeStripeState, type StripeObject, type WebhookDelivery } from "./stripe-state";
import type { FakeStripe, FakeStripeOptions } from "./stripe-types";
import { createInvoice, failRenewal, listInvoices, recoverRenewal, updateCatalogObject } from "./stripe-invoices";
import { makeEvent, sendStripeWebhook } from "./stripe-webhook";

interface Ctx {
  state: FakeStripeState;
  baseUrl: string;
  webhook: { url?: string; secret?: string };
  pending: Set<Promise<WebhookDelivery[]>>;
}

type ApiResult = StripeObject | { object: "list"; data: StripeObject[]; has_more: boolean; url: string };
type ApiHandler = (ctx: Ctx, id: string, p: Params) => ApiResult | Promise<ApiResult>;

const listOf = (url: string, data: StripeObject[]): ApiResult => ({ object: "list", data, has_more: false, url });

/** Delivers events one by one, in order, recording each receiver's answer. */
async function deliverNow(ctx: Ctx, events: StripeObject[]): Promise<WebhookDelivery[]> {
  const { url, secret } = ctx.webhook;
  if (!url || !secret) return [];
  const out: WebhookDelivery[] = [];
  for (const event of events) {
    const delivery: WebhookDelivery = { eventId: event.id, type: String(event.type), status: null };
    try {
      const r = await sendStripeWebhook(url, secret, event);
      Object.assign(delivery, { status: r.status, responseBody: r.body });
    } catch (err) {
      delivery.error = String(err);
    }
    ctx.state.deliveries.push(delivery);
    out.push(delivery);
  }
  return out;
}

/** Tracked so tests can await deliveries triggered by API calls (`flushWebhooks`). */
function deliver(ctx: Ctx, events: StripeObject[]): Promise<WebhookDelivery[]> {
  const p = deliverNow(ctx, events);
  ctx.pending.add(p);
  void p.finally(() => ctx.pending.delete(p));
  return p;
}

function createPortalSession(ctx: Ctx, p: Params): StripeObject {
  const customer = str(p.customer);
  if (!customer) throw required("customer");
  getOrThrow(ctx.state.customers, "customer", customer);
  const id = stripeId("bps");
  const portal: StripeObject = {
    id, object: "billing_portal.session", customer, return_url: str(p.return_url) ?? null,
    url: `${ctx.baseUrl}/billing_portal/${id}`, created: nowSec(), livemode: false,
    configuration: "bpc_fake", flow: null, locale: null, on_behalf_of: null,
  };
  ctx.state.portalSessions.set(id, portal);
  return portal;
}

function updateCustomer(ctx: Ctx, id: string, p: Params): StripeObject {
  const c = getOrThrow(ctx.state.customers, "customer", id);
  for (const key of ["email", "name", "phone", "description"] as const) if (typeof p[key] === "string") c[key] = p[key];
  if (p.metadata !== undefined) c.metadata = { ...metadata(c.metadata), ...metadata(p.metadata) };
  return c;
}

function listSubscriptions(ctx: Ctx, p: Params): ApiResult {
  const customer = str(p.customer);
  const status = str(p.status);
  const subs = [...ctx.state.subscriptions.values()]
    .filter((s) => !customer || s.customer === customer)
    .filter((s) => (status ? status === "all" || s.status === status : s.status !== "canceled"));
  return listOf("/v1/subscriptions", subs.reverse());
}

const API: Array<[string, RegExp, ApiHandler]> = [
  ["POST", /^\/v1\/customers$/, (c, _, p) => createCustomer(c.state, p)],
  ["GET", /^\/v1\/customers\/([^/]+)$/, (c, id) => getOrThrow(c.state.customers, "customer", id)],
  ["POST", /^\/v1\/customers\/([^/]+)$/, (c, id, p) => updateCustomer(c, id, p)],
  ["POST", /^\/v1\/checkout\/sessions$/, (c, _, p) => createCheckoutSession(c.state, p, c.baseUrl)],
  ["GET", /^\/v1\/checkout\/sessions\/([^/]+)$/, (c, id) => getOrThrow(c.state.checkoutSessions, "checkout session", id)],
  ["GET", /^\/v1\/subscriptions$/, (c, _, p) => listSubscriptions(c, p)],
  ["GET", /^\/v1\/subscriptions\/([^/]+)$/, (c, id) => getOrThrow(c.state.subscriptions, "subscription", id)],
  ["POST", /^\/v1\/subscriptions\/([^/]+)$/, (c, id, p) => {
    const { sub, event } = updateSubscription(c.state, id, p);
    void deliver(c, [event]); // like Stripe: the API answers before the webhook lands
    return sub;
  }],
  ["DELETE", /^\/v1\/subscriptions\/([^/]+)$/, (c, id) => {
    const { sub, event } = cancelSubscription(c.state, id);
    void deliver(c, [event]);
    return sub;
  }],
  ["POST", /^\/v1\/billing_portal\/sessions$/, (c, _, p) => createPortalSession(c, p)],
  ["GET", /^\/v1\/prices$/, (c, _, p) => listOf("/v1/prices", listPrices(c.state, p))],
  ["POST", /^\/v1\/prices$/, (c, _, p) => createPrice(c.state, p)],
  ["GET", /^\/v1\/prices\/([^/]+)$/, (c, id) => getOrThrow(c.state.prices, "price", id)],
  ["POST", /^\/v1\/prices\/([^/]+)$/, (c, id, p) => updateCatalogObject(getOrThrow(c.state.prices, "price", id), p)],
  ["POST", /^\/v1\/products$/, (c, _, p) => createProduct(c.state, p)],
  ["POST", /^\/v1\/products\/([^/]+)$/, (c, id, p) => updateCatalogObject(getOrThrow(c.state.products, "product", id), p)],
  ["GET", /^\/v1\/invoices$/, (c, _, p) => listOf("/v1/invoices", listInvoices(c.state, p))],
  ["GET", /^\/v1\/invoices\/([^/]+)$/, (c, id) => getOrThrow(c.state.invoices, "invoice", id)],
  ["GET", /^\/v1\/products\/([^/]+)$/, (c, id) => getOrThrow(c.state.products, "product", id)],
];

/** `expand[]=subscription` / `data.product`: swaps ids for the stored objects, on a copy. */
function expand(ctx: Ctx, value: unknown, path: string[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined || !isRecord(value)) return value;
  const copy: Record<string, unknown> = { ...value };
  const current = copy[head];
  if (head === "data" && Array.isArray(current)) copy.data = current.map((v) => expand(ctx, v, rest));
  else {
    const resolved = typeof current === "string" ? (findObject(ctx.state, current) ?? current) : current;
    copy[head] = expand(ctx, resolved, rest);
  }
  return copy;
}

async function handleApi(ctx: Ctx, req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
  const raw = await readBody(req);
  if (!bearerToken(req)) {
    const msg = "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.";
    return sendJson(res, 401, { error: { type: "invalid_request_error", message: msg } });
  }
  // The SDK form-encodes with brackets (`line_items[0][price]`), in the body or the query.
  const p: Params = qs.parse(req.method === "GET" || req.method === "DELETE" ? query : raw, { depth: 10, arrayLimit: 1000 });
  for (const [method, pattern, handler] of API) {
    const m = method === req.method ? pattern.exec(path) : null;
    if (!m) continue;
    try {
      let result: unknown = await handler(ctx, decodeURIComponent(m[1] ?? ""), p);
      for (const e of list(p.expand)) if (typeof e === "string") result = expand(ctx, result, e.split("."));
      return sendJson(res, 200, result, { "request-id": stripeId("req") });
    } catch (err) {
      if (err instanceof StripeApiError) return sendJson(res, err.status, err.toJSON());
      throw err;
    }
  }
  return sendJson(res, 404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${path}).` } });
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(html) });
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, "content-length": 0 });
  res.end();
}

/** Pay: complete, deliver the webhooks (awaited, so the app knows before the redirect), redirect. */
async function pay(ctx: Ctx, sessionId: string): Promise<StripeObject> {
  const { session, events } = completeCheckout(ctx.state, sessionId);
  const sub = typeof session.subscription === "string" ? ctx.state.subscriptions.get(session.subscription) : undefined;
  if (sub) {
    // The first period is invoiced and paid at once, as with a card that works.
    const invoice = createInvoice(ctx.state, sub, ctx.baseUrl, true);
    sub.latest_invoice = invoice.id;
    const paid = makeEvent("invoice.paid", invoice);
    ctx.state.events.push(paid);
    events.push(paid);
  }
  await deliver(ctx, events);
  return session;
}

async function handlePage(ctx: Ctx, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const parts = path.split("/").slice(1).map(decodeURIComponent);
  const [area, id = "", action, subId] = parts;
  const { state } = ctx;
  req.resume();
  if (area === "checkout" && req.method === "GET" && parts.length === 2) {
    const session = state.checkoutSessions.get(id);
    sendHtml(res, session ? 200 : 404, session ? checkoutPage(state, session) : "No such checkout session");
    return true;
  }
  if (area === "checkout" && req.method === "POST" && action === "pay") {
    const session = await pay(ctx, id);
    redirect(res, String(session.success_url).replaceAll("{CHECKOUT_SESSION_ID}", session.id));
    return true;
  }
  const invoice = area === "invoice" && req.method === "GET" ? state.invoices.get(id) : undefined;
  if (invoice) {
    sendHtml(res, 200, `<!doctype html><title>Invoice</title><h1>Invoice ${String(invoice.number)}</h1><p>${String(invoice.status)}: ${(Number(invoice.amount_due) / 100).toFixed(2)} ${String(invoice.currency).toUpperCase()}</p>`);
    return true;
  }
  const portal = area === "billing_portal" ? state.portalSessions.get(id) : undefined;
  if (!portal) return false;
  if (req.method === "GET" && parts.length === 2) sendHtml(res, 200, portalPage(state, portal));
  else if (req.method === "POST" && action === "cancel" && subId) {
    const { event } = updateSubscription(state, subId, { cancel_at_period_end: "true" });
    await deliver(ctx, [event]);
    redirect(res, `/billing_portal/${portal.id}`);
  } else return false;
  return true;
}

async function handle(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  if (path.startsWith("/v1/")) return handleApi(ctx, req, res, path, q === -1 ? "" : url.slice(q + 1));
  try {
    if (await handlePage(ctx, req, res, path)) return;
  } catch (err) {
    if (err instanceof StripeApiError) return sendHtml(res, err.status, `<p>${err.message}</p>`);
    throw err;
  }
  sendHtml(res, 404, "Not found");
}

/**
 * Loopback Stripe: enough of the API for Checkout-based subscriptions through the real SDK
 * (`new Stripe(key, { host, port, protocol: "http" })`), a hosted checkout page whose Pay
 * button completes the session, and real signed webhooks.
 */
export async function startFakeStripe(opts: FakeStripeOptions = {}): Promise<FakeStripe> {
  const ctx: Ctx = {
    state: createStripeState(),
    baseUrl: "",
    webhook: { url: opts.webhookUrl, secret: opts.webhookSecret },
    pending: new Set(),
  };
  const server = await listen((req, res) => handle(ctx, req, res), opts.port ?? 0, opts.host ?? "127.0.0.1");
  ctx.baseUrl = server.url;
  return {
    url: server.url,
    host: server.host,
    port: server.port,
    protocol: "http",
    state: ctx.state,
    pay: (sessionId) => pay(ctx, sessionId),
    flushWebhooks: async () => (await Promise.all([...ctx.pending])).flat(),
    failRenewal: (subId) => deliver(ctx, failRenewal(ctx.state, subId, ctx.baseUrl)),
    recoverRenewal: (subId) => deliver(ctx, recoverRenewal(ctx.state, subId)),
    setWebhook: (url, secret) => void (ctx.webhook = { url, secret: secret ?? ctx.webhook.secret }),
    close: () => server.close(),
  };
}

import type { FakeStripeState, StripeObject } from "./stripe-state";

const esc = (s: unknown): string =>
  String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const money = (cents: number, currency: unknown): string => `${(cents / 100).toFixed(2)} ${esc(String(currency ?? "").toUpperCase())}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
button{font-size:1rem;padding:.6rem 1.4rem;cursor:pointer}li{margin:.3rem 0}</style></head>
<body><p><small>Fake Stripe (test mode)</small></p>${body}</body></html>`;
}

/** Hosted Checkout stand-in: line items, total, and a Pay button that completes the session. */
export function checkoutPage(state: FakeStripeState, session: StripeObject): string {
  const lines = state.sessionLines.get(session.id) ?? [];
  const items = lines.map((l) => {
    const price = state.prices.get(l.price);
    const product = state.products.get(String(price?.product));
    const label = price?.nickname ?? product?.name ?? l.price;
    return `<li>${esc(label)} × ${l.quantity}: ${money(Number(price?.unit_amount ?? 0) * l.quantity, price?.currency)}</li>`;
  });
  if (session.status !== "open") return page("Checkout", `<h1>This checkout session is ${esc(session.status)}.</h1>`);
  const cancel = session.cancel_url ? `<p><a href="${esc(session.cancel_url)}">Cancel</a></p>` : "";
  return page("Checkout", `<h1>Checkout</h1>
<p>${esc(session.customer_email ?? "")}</p><ul>${items.join("")}</ul>
<p>Total: <strong>${money(Number(session.amount_total ?? 0), session.currency)}</strong></p>
<form method="post" action="/checkout/${esc(session.id)}/pay"><button type="submit">Pay</button></form>${cancel}`);
}

/** Customer portal stand-in: the customer's subscriptions with a cancel button each. */
export function portalPage(state: FakeStripeState, portal: StripeObject): string {
  const subs = [...state.subscriptions.values()].filter((s) => s.customer === portal.customer);
  const rows = subs.map((s) => {
    const ending = s.cancel_at_period_end ? " (cancels at period end)" : "";
    const button = s.status === "active" && !s.cancel_at_period_end
      ? `<form method="post" action="/billing_portal/${esc(portal.id)}/cancel/${esc(s.id)}"><button type="submit">Cancel subscription</button></form>`
      : "";
    return `<li>${esc(s.id)}: ${esc(s.status)}${ending}${button}</li>`;
  });
  const invoices = [...state.invoices.values()].filter((i) => i.customer === portal.customer).reverse()
    .map((i) => `<li><a href="${esc(i.hosted_invoice_url)}">${esc(i.number)}</a>: ${money(Number(i.amount_due ?? 0), i.currency)} (${esc(i.status)})</li>`);
  return page("Billing portal", `<h1>Billing</h1><ul>${rows.join("") || "<li>No subscriptions</li>"}</ul>
<h2>Invoices</h2><ul>${invoices.join("") || "<li>No invoices</li>"}</ul>
<p><a href="${esc(portal.return_url)}">Return</a></p>`);
}

import type { WalkRoute } from "./walk-types";

/** Pages of the i18n branch: sign-in, invitation, dev inbox, members, budgets, alerts, audit, billing, usage, operator. */
export const routes: WalkRoute[] = [
  { name: "signin", path: () => "/signin", anonymous: true },
  { name: "check-email", path: () => "/signin/check-email?email=walk%40e2e.test", anonymous: true },
  { name: "dev-inbox", path: () => "/dev/inbox", anonymous: true },
  { name: "invite", path: () => "/invite/walk-token" },
  { name: "members", path: (w) => `/t/${w.tenantId}/members` },
  { name: "budgets", path: (w) => `/t/${w.tenantId}/budgets` },
  { name: "alerts", path: (w) => `/t/${w.tenantId}/alerts` },
  { name: "audit", path: (w) => `/t/${w.tenantId}/audit` },
  { name: "billing", path: (w) => `/t/${w.tenantId}/billing` },
  { name: "usage", path: (w) => `/t/${w.tenantId}/usage?range=30d`, ready: "[data-testid=chart-daily] .recharts-bar-rectangle" },
  { name: "usage-channel", path: (w) => `/t/${w.tenantId}/usage/channel/${w.channelId}?range=30d`, ready: "[data-testid=table-sessions]" },
  { name: "usage-session", path: (w) => `/t/${w.tenantId}/usage/session?key=${encodeURIComponent(w.sessionKey)}&range=30d`, ready: "[data-testid=table-calls]" },
  { name: "operator-accounts", path: () => "/operator/accounts" },
  { name: "operator-health", path: () => "/operator/health" },
  { name: "operator-tiers", path: () => "/operator/tiers" },
];

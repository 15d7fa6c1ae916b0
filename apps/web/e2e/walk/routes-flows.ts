import type { WalkRoute } from "./walk-types";

/** Pages of the flows branch: overview, agents (list, detail, wizard), chats, who-answers-where, bots, operator tenants. */
export const routes: WalkRoute[] = [
  { name: "overview", path: (w) => `/t/${w.tenantId}` },
  { name: "agents", path: (w) => `/t/${w.tenantId}/agents` },
  { name: "agent-detail", path: (w) => `/t/${w.tenantId}/agents/${w.agentId}` },
  { name: "agent-new", path: (w) => `/t/${w.tenantId}/agents/new` },
  { name: "groups", path: (w) => `/t/${w.tenantId}/groups` },
  { name: "bindings", path: (w) => `/t/${w.tenantId}/bindings` },
  { name: "instances", path: (w) => `/t/${w.tenantId}/instances` },
  { name: "instance-detail", path: (w) => `/t/${w.tenantId}/instances/${w.instanceId}` },
  { name: "operator-tenants", path: () => "/operator" },
];

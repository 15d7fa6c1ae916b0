import type { Budget, Tenant } from "@baas/db";
import { localDay, periodOf, type PeriodKind } from "@baas/gateway";
import { ONLINE_WINDOW_MS } from "../agent/agent.service";
import type { Actor, DbLike } from "../lib-app/db-like";
import { channelName } from "../channel/channel-label";

const TOP = 5;
type Sums = { calls: number; usd: number; tenant: number; tokens: number };
type DailyRow = { agentKey: string; channelKey: string; model: string; calls: number; costListUsdMicros: bigint; costTenantMicros: bigint; inputTokens: bigint; outputTokens: bigint; cacheReadTokens: bigint; cacheWriteTokens: bigint };

/** The local days [from, to] of the calendar period containing `now`, as UsageDaily stores them. */
function dayRange(kind: PeriodKind, now: Date, tz: string) {
  const p = periodOf(kind, now, tz);
  return { key: p.key, from: new Date(localDay(p.start, tz)), to: new Date(localDay(new Date(p.end.getTime() - 1), tz)) };
}

function sumRows(rows: DailyRow[]): Sums {
  const s: Sums = { calls: 0, usd: 0, tenant: 0, tokens: 0 };
  for (const r of rows) {
    s.calls += r.calls;
    s.usd += Number(r.costListUsdMicros);
    s.tenant += Number(r.costTenantMicros);
    s.tokens += Number(r.inputTokens + r.outputTokens + r.cacheReadTokens + r.cacheWriteTokens);
  }
  return s;
}

/** Top spenders by one key of the roll-up, labelled for people; the rest summed as "others". */
function topBy(rows: DailyRow[], key: (r: DailyRow) => string, label: (k: string) => string) {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(key(r), (totals.get(key(r)) ?? 0) + Number(r.costTenantMicros));
  const sorted = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    top: sorted.slice(0, TOP).map(([k, costMicros]) => ({ key: k, label: label(k), costMicros })),
    othersMicros: sorted.slice(TOP).reduce((n, [, c]) => n + c, 0),
  };
}

/** Percent used of a budget this period (the largest of its limited dimensions); null if not measurable here. */
function budgetUse(b: Budget, tenant: Tenant, s: Sums) {
  // Money in the tenant's currency or USD is in the roll-up; other currencies need the gateway's FX.
  const money = b.currency === "USD" ? s.usd : b.currency === tenant.currency ? s.tenant : null;
  const dims: [number | null, bigint | number | null][] = [[money, b.limitMoneyMicros], [s.tokens, b.limitTokens], [s.calls, b.limitMessages]];
  let pct: number | null = null;
  for (const [used, limit] of dims) {
    if (limit === null || used === null) continue;
    const l = Number(limit);
    pct = Math.max(pct ?? 0, l <= 0 ? (used > 0 ? 100 : 0) : (used / l) * 100);
  }
  return { usedPct: pct === null ? null : Math.round(pct * 10) / 10, usedMoneyMicros: money };
}

type Names = (scope: string, id: string | null) => string;

async function namesOf(db: DbLike, tenantId: string): Promise<Names> {
  const [agents, channels] = await Promise.all([
    db.agent.findMany({ where: { tenantId }, select: { id: true, name: true, emoji: true } }),
    db.channel.findMany({ where: { tenantId }, select: { id: true, name: true, externalId: true, peerKind: true } }),
  ]);
  const agentName = new Map(agents.map((a) => [a.id, `${a.emoji ? `${a.emoji} ` : ""}${a.name}`]));
  const channelNames = new Map(channels.map((c) => [c.id, channelName(c)]));
  return (scope, id) => (scope === "TENANT" ? "Whole team" : ((scope === "AGENT" ? agentName : channelNames).get(id ?? "") ?? "(deleted)"));
}

/**
 * The tenant's budgets with this period's use from the daily roll-up (what the gateway counts),
 * days left, and the end-of-period figure if spending goes on at this period's pace so far.
 */
export async function budgetsWithUse(db: DbLike, tenantId: string, now: Date, opts: { includePaused?: boolean; names?: Names } = {}) {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  const names = opts.names ?? (await namesOf(db, tenantId));
  const budgets = await db.budget.findMany({ where: { tenantId, ...(opts.includePaused ? {} : { enabled: true }) }, orderBy: [{ scope: "asc" }, { name: "asc" }] });
  const out = [];
  for (const b of budgets) {
    const range = dayRange(b.period, now, tenant.timezone);
    const rows = (await db.usageDaily.findMany({
      where: { tenantId, day: { gte: range.from, lte: range.to }, ...(b.scope === "AGENT" ? { agentKey: b.agentId ?? "-" } : {}), ...(b.scope === "CHANNEL" ? { channelKey: b.channelId ?? "-" } : {}) },
    })) as DailyRow[];
    const sums = sumRows(rows);
    const use = budgetUse(b, tenant, sums);
    const period = periodOf(b.period, now, tenant.timezone);
    const elapsed = Math.max(0.01, (now.getTime() - period.start.getTime()) / (period.end.getTime() - period.start.getTime()));
    out.push({
      id: b.id, name: b.name, scope: b.scope, agentId: b.agentId, channelId: b.channelId, scopeLabel: names(b.scope, b.scope === "AGENT" ? b.agentId : b.channelId),
      period: b.period, action: b.action, downgradeModel: b.downgradeModel, enabled: b.enabled,
      currency: b.currency, limitMoneyMicros: b.limitMoneyMicros === null ? null : Number(b.limitMoneyMicros),
      limitTokens: b.limitTokens === null ? null : Number(b.limitTokens), limitMessages: b.limitMessages, thresholds: b.thresholds, ...use,
      usedTokens: sums.tokens, usedMessages: sums.calls, periodKey: range.key,
      reached: use.usedPct === null ? [] : b.thresholds.filter((t) => t <= use.usedPct!),
      resetsAt: period.end,
      projectedPct: use.usedPct === null ? null : Math.round((use.usedPct / elapsed) * 10) / 10,
    });
  }
  return out.sort((a, b) => (b.usedPct ?? -1) - (a.usedPct ?? -1));
}

async function instancesOverview(db: DbLike, tenantId: string, now: number) {
  const instances = await db.instance.findMany({
    where: { tenantId, revokedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true, lastSeenAt: true, lastError: true, appliedRevision: { select: { version: true, appliedAt: true } } },
  });
  const pending = await db.configRevision.findMany({ where: { tenantId, status: "PENDING" }, select: { instanceId: true, version: true, summary: true, createdAt: true } });
  return instances.map((i) => ({
    id: i.id,
    name: i.name,
    online: i.lastSeenAt !== null && now - i.lastSeenAt.getTime() < ONLINE_WINDOW_MS,
    lastError: i.lastError,
    applied: i.appliedRevision,
    pending: pending.find((p) => p.instanceId === i.id) ?? null,
  }));
}

/** Everything the landing page shows, read-only and from the roll-up (never raw usage events). */
export async function tenantOverview(db: DbLike, actor: Actor, now = new Date()) {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId } });
  const [agents, channels] = await Promise.all([
    db.agent.findMany({ where: { tenantId: tenant.id }, select: { id: true, externalId: true, name: true, emoji: true, enabled: true, lastSeenAt: true, instance: { select: { lastSeenAt: true } } } }),
    db.channel.findMany({ where: { tenantId: tenant.id }, select: { id: true, name: true, externalId: true, peerKind: true } }),
  ]);
  const agentName = new Map(agents.map((a) => [a.id, `${a.emoji ? `${a.emoji} ` : ""}${a.name}`]));
  const channelNames = new Map(channels.map((c) => [c.id, channelName(c)]));
  const names = (scope: string, id: string | null) => (scope === "TENANT" ? "Whole team" : ((scope === "AGENT" ? agentName : channelNames).get(id ?? "") ?? "(deleted)"));
  const month = dayRange("MONTHLY", now, tenant.timezone);
  const rows = (await db.usageDaily.findMany({ where: { tenantId: tenant.id, day: { gte: month.from, lte: month.to } } })) as DailyRow[];
  const seen = (a: (typeof agents)[number]) => Math.max(a.lastSeenAt?.getTime() ?? 0, a.instance?.lastSeenAt?.getTime() ?? 0);
  const live = agents.filter((a) => a.enabled);
  const online = live.filter((a) => seen(a) > 0 && now.getTime() - seen(a) < ONLINE_WINDOW_MS).length;
  const totals = sumRows(rows);
  return {
    currency: tenant.currency,
    timezone: tenant.timezone,
    month: month.key.slice(1),
    agents: { online, offline: live.length - online, disabled: agents.length - live.length },
    cost: {
      totalMicros: totals.tenant,
      calls: totals.calls,
      byChannel: topBy(rows, (r) => r.channelKey, (k) => (k ? (channelNames.get(k) ?? "(deleted group)") : "Not attributed")),
      byAgent: topBy(rows, (r) => r.agentKey, (k) => (k ? (agentName.get(k) ?? "(deleted agent)") : "Not attributed")),
      byModel: topBy(rows, (r) => r.model, (k) => k),
    },
    budgets: await budgetsWithUse(db, tenant.id, now, { names }),
    instances: await instancesOverview(db, tenant.id, now.getTime()),
    alerts: await recentAlerts(db, tenant.id, now),
  };
}

/** What needs a person's eye: the latest unacknowledged alerts of the last 30 days. */
async function recentAlerts(db: DbLike, tenantId: string, now: Date) {
  return db.alert.findMany({
    where: { tenantId, acknowledgedAt: null, createdAt: { gte: new Date(now.getTime() - 30 * 86_400_000) } },
    orderBy: { createdAt: "desc" },
    take: 10,
    select: { id: true, kind: true, severity: true, message: true, createdAt: true, thresholdPct: true, budget: { select: { name: true } } },
  });
}

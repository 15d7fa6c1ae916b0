/**
 * Four weeks of plausible, deterministic traffic for the demo tenant, priced from the seeded
 * list prices: DMs to Lobo dominate, evenings peak around 21:00 in São Paulo, Max #1 serves most
 * calls (cash 0), Max #2 catches its overflow, the paid key the rest (cash = list price).
 * Written once per tenant; the roll-up is rebuilt from the events every run.
 */
import type { Db } from "../client";
import type { Prisma } from "../generated/prisma/client";
import { rebuildUsageDaily } from "../usage-daily";
import { between, chunk, pick, seededRandom, seedId } from "./ids";
import { DEMO_AGENTS, DEMO_CHANNELS, DEMO_TENANT, type DemoChannel } from "./demo-data";
import { findModelPrice, type ModelPriceSeed } from "./model-prices";
import type { DemoTenant } from "./demo-tenant";

export interface DemoUsageOptions {
  tenant: DemoTenant;
  /** Upstream account ids by name ("Max #1", "Max #2", "API paga"). */
  accountIds: Record<string, string>;
  now: Date;
  days?: number;
}

const DAY_MS = 86_400_000;
const SAO_PAULO_OFFSET_H = -3;
/** Calls per local hour on a weekday: quiet nights, busy evenings peaking at 21:00. */
const HOURLY = [5, 3, 1, 1, 1, 1, 4, 8, 14, 19, 21, 21, 18, 19, 21, 21, 19, 19, 22, 27, 34, 41, 32, 14];

const micros = (tokens: number, perMTok: number) => Math.round(tokens * perMTok);

export function llmListCostMicros(p: ModelPriceSeed, t: { input: number; output: number; cacheRead: number; cacheWrite: number }): number {
  return micros(t.input, p.input) + micros(t.output, p.output) + micros(t.cacheRead, p.cacheRead) + micros(t.cacheWrite, p.cacheWrite);
}

/** USD → BRL for a day: drifts gently around 5.40, four decimals. */
export function demoFxRate(dayIndex: number): number {
  return Math.round((5.4 + 0.12 * Math.sin(dayIndex / 3)) * 10_000) / 10_000;
}

type EventRow = Prisma.UsageEventCreateManyInput;

interface CallSlot { rand: () => number; at: Date; dayKey: string; n: number; fx: number }

export function generateDemoUsage(opts: DemoUsageOptions): EventRow[] {
  const days = opts.days ?? 28;
  const rand = seededRandom(20_260_131);
  const today = Date.UTC(opts.now.getUTCFullYear(), opts.now.getUTCMonth(), opts.now.getUTCDate());
  const events: EventRow[] = [];
  for (let d = days - 1; d >= 0; d--) {
    const dayStart = today - d * DAY_MS;
    const dayKey = new Date(dayStart).toISOString().slice(0, 10);
    const weekday = new Date(dayStart).getUTCDay();
    const scale = weekday === 0 || weekday === 6 ? 0.55 : 1;
    const fx = demoFxRate(Math.floor(dayStart / DAY_MS));
    let n = 0;
    HOURLY.forEach((perHour, localHour) => {
      const calls = Math.round(perHour * scale * (0.8 + rand() * 0.4));
      for (let i = 0; i < calls; i++) {
        const utcMs = dayStart + (localHour - SAO_PAULO_OFFSET_H) * 3_600_000 + Math.floor(rand() * 3_600_000);
        if (utcMs >= opts.now.getTime()) continue;
        events.push(makeEvent(opts, { rand, at: new Date(utcMs), dayKey, n: n++, fx }));
      }
    });
  }
  return events;
}

function makeEvent(opts: DemoUsageOptions, slot: CallSlot): EventRow {
  const channel = pick(slot.rand, DEMO_CHANNELS.map((c) => [c, c.weight] as const));
  const kind = pick(slot.rand, [["LLM", 90], ["STT", 6], ["TTS", 3], ["IMAGE", 1]] as const);
  const base = attribution(opts, channel, slot);
  return kind === "LLM" ? llmEvent(opts, channel, slot, base) : unitEvent(kind, slot, base);
}

function attribution(opts: DemoUsageOptions, channel: DemoChannel, slot: CallSlot): EventRow {
  const { tenant } = opts;
  const runId = `seed-run-${slot.dayKey}-${slot.n}`;
  return {
    id: seedId(DEMO_TENANT.slug, "usage", slot.dayKey, String(slot.n)),
    idempotencyKey: `seed:${DEMO_TENANT.slug}:${slot.dayKey}:${slot.n}`,
    tenantId: tenant.tenantId,
    instanceId: tenant.instanceId,
    agentId: tenant.agentIds[channel.agent] ?? null,
    channelId: tenant.channelIds[channel.key] ?? null,
    sessionKey: `agent:${channel.agent}:whatsapp:${channel.peerKind === "GROUP" ? "group" : "dm"}:${channel.externalId}`,
    runId,
    provider: "ANTHROPIC",
    model: "",
    occurredAt: slot.at,
    createdAt: slot.at,
    tenantCurrency: DEMO_TENANT.currency,
    fxRate: slot.fx.toFixed(8),
  };
}

function llmEvent(opts: DemoUsageOptions, channel: DemoChannel, slot: CallSlot, base: EventRow): EventRow {
  const { rand } = slot;
  const agentModel = DEMO_AGENTS.find((a) => a.externalId === channel.agent)?.model ?? "claude-sonnet-4-5";
  const requested = channel.modelOverride ?? agentModel;
  // Now and then a long Opus thread is served by Sonnet after the daily downgrade kicks in.
  const model = requested === "claude-opus-4-5" && rand() < 0.08 ? "claude-sonnet-4-5" : requested;
  const price = findModelPrice(model);
  const route = pick(rand, [[["Max #1"], 80], [["Max #1", "Max #2"], 13], [["Max #1", "Max #2", "API paga"], 7]] as const);
  const served = route.at(-1) ?? "Max #1";
  const failed = rand() < 0.015;
  const output = between(rand, 180, 3_000);
  const tokens = failed
    ? { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }
    : { input: between(rand, 800, 5_000), output, cacheRead: between(rand, 15_000, 125_000), cacheWrite: rand() < 0.3 ? between(rand, 1_500, 16_000) : 0 };
  const list = price ? llmListCostMicros(price, tokens) : 0;
  const ttft = between(rand, 380, 2_400);
  return {
    ...base,
    kind: "LLM", source: "GATEWAY", model, requestedModel: requested, streaming: true,
    upstreamAccountId: opts.accountIds[served] ?? null, fallbackPath: [...route],
    inputTokens: tokens.input, outputTokens: tokens.output, cacheReadTokens: tokens.cacheRead, cacheWriteTokens: tokens.cacheWrite,
    costListUsdMicros: BigInt(list),
    costCashUsdMicros: BigInt(served === "API paga" ? list : 0),
    costTenantMicros: BigInt(Math.round(list * slot.fx)),
    latencyMs: failed ? ttft : ttft + Math.round(output * (8 + rand() * 10)),
    ttftMs: failed ? null : ttft,
    status: failed ? "ERROR" : "OK",
    errorCode: failed ? "upstream_overloaded" : null,
  };
}

function unitEvent(kind: "STT" | "TTS" | "IMAGE", slot: CallSlot, base: EventRow): EventRow {
  const { rand } = slot;
  const [model, units, usd] =
    kind === "STT" ? ((s: number) => ["whisper-1", s, (s / 60) * 0.006] as const)(between(rand, 4, 150))
    : kind === "TTS" ? ((c: number) => ["tts-1", c, (c / 1e6) * 15] as const)(between(rand, 180, 1_600))
    : (["dall-e-3", 1, 0.04] as const);
  const list = Math.round(usd * 1e6);
  // Audio and images are reported by the plugin and paid with the tenant's OpenAI key at list price.
  return {
    ...base,
    kind, source: "REPORTED", provider: "OPENAI", model, units: units.toFixed(4),
    costListUsdMicros: BigInt(list), costCashUsdMicros: BigInt(list), costTenantMicros: BigInt(Math.round(list * slot.fx)),
    latencyMs: between(rand, 600, 9_000), status: "OK",
  };
}

export interface DemoUsageResult { created: number; events: number; dailyRows: number }

/** Writes the generated events unless this tenant already has seeded usage; rebuilds the roll-up. */
export async function seedDemoUsage(db: Db, opts: DemoUsageOptions): Promise<DemoUsageResult> {
  const prefix = `seed:${DEMO_TENANT.slug}:`;
  const already = await db.usageEvent.count({ where: { tenantId: opts.tenant.tenantId, idempotencyKey: { startsWith: prefix } } });
  let created = 0;
  if (already === 0) {
    const events = generateDemoUsage(opts);
    for (const part of chunk(events, 2_000)) created += await insertUsageEvents(db, part);
    await seedFxRates(db, events);
    await seedBudgetAlerts(db, opts);
  }
  const dailyRows = await rebuildUsageDaily(db, opts.tenant.tenantId);
  return { created, events: already + created, dailyRows };
}

/** Column defaults json_populate_recordset would otherwise leave null. */
const EVENT_DEFAULTS = {
  instanceId: null, agentId: null, channelId: null, sessionKey: null, runId: null, requestedModel: null,
  upstreamAccountId: null, fallbackPath: [], streaming: false, cacheHit: false, inputTokens: 0, outputTokens: 0,
  cacheReadTokens: 0, cacheWriteTokens: 0, units: null, costListUsdMicros: 0, costCashUsdMicros: 0, costTenantMicros: 0,
  latencyMs: null, ttftMs: null, errorCode: null, kind: "LLM", source: "GATEWAY", status: "OK", overHoldUsdMicros: 0,
};

/**
 * Bulk insert through one JSON parameter: Prisma's createMany spends seconds building a query of
 * tens of thousands of parameters, PostgreSQL unpacks the same rows in milliseconds.
 */
async function insertUsageEvents(db: Db, rows: EventRow[]): Promise<number> {
  const json = JSON.stringify(rows.map((r) => ({ ...EVENT_DEFAULTS, ...r })), (_k, v: unknown) =>
    typeof v === "bigint" ? v.toString() : v,
  );
  return db.$executeRaw`INSERT INTO "UsageEvent" SELECT * FROM json_populate_recordset(NULL::"UsageEvent", ${json}::json) ON CONFLICT DO NOTHING`;
}

async function seedFxRates(db: Db, events: EventRow[]): Promise<void> {
  const byDay = new Map<string, string>();
  for (const e of events) byDay.set(e.idempotencyKey.split(":")[2] ?? "", String(e.fxRate));
  await db.fxRate.createMany({
    data: [...byDay].map(([day, rate]) => ({ id: seedId("fx", "USD", "BRL", day), base: "USD", quote: "BRL", day: new Date(`${day}T00:00:00Z`), rate, source: "seed" })),
    skipDuplicates: true,
  });
}

/** Local (São Paulo) calendar month of `now`: its key and its first instant in UTC. */
export function demoMonth(now: Date): { periodKey: string; startUtc: Date } {
  const local = new Date(now.getTime() + SAO_PAULO_OFFSET_H * 3_600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  // Same period key as the gateway's budgets (packages/gateway/src/periods.ts: "M<yyyy>-<mm>"), so a
  // seeded alert and a live one for the same threshold share one Alert.dedupeKey.
  return { periodKey: `M${y}-${String(m + 1).padStart(2, "0")}`, startUtc: new Date(Date.UTC(y, m, 1) - SAO_PAULO_OFFSET_H * 3_600_000) };
}

/** The threshold alerts the seeded month's spend has really crossed on the tenant budget. */
async function seedBudgetAlerts(db: Db, opts: DemoUsageOptions): Promise<void> {
  const budget = await db.budget.findUnique({ where: { id: opts.tenant.tenantBudgetId } });
  if (!budget?.limitMoneyMicros) return;
  const { periodKey, startUtc } = demoMonth(opts.now);
  const spent = await db.usageEvent.aggregate({
    where: { tenantId: opts.tenant.tenantId, occurredAt: { gte: startUtc } },
    _sum: { costListUsdMicros: true },
  });
  const used = spent._sum.costListUsdMicros ?? 0n;
  const pct = Number((used * 10_000n) / budget.limitMoneyMicros) / 100;
  const usd = (v: bigint) => `US$${(Number(v) / 1e6).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const crossed = budget.thresholds.filter((t) => pct >= t);
  await db.alert.createMany({
    data: crossed.map((t) => ({
      id: seedId(DEMO_TENANT.slug, "alert", budget.id, periodKey, String(t)),
      tenantId: opts.tenant.tenantId, budgetId: budget.id, kind: "BUDGET_THRESHOLD" as const,
      severity: t >= 95 ? ("CRITICAL" as const) : t >= 80 ? ("WARNING" as const) : ("INFO" as const),
      thresholdPct: t, periodKey, dedupeKey: `budget:${budget.id}:${periodKey}:${t}`,
      message: `${budget.name}: ${t}% reached (${usd(used)} of ${usd(budget.limitMoneyMicros!)} this month)`,
      createdAt: opts.now,
    })),
    skipDuplicates: true,
  });
}

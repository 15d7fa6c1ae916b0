import { randomUUID } from "node:crypto";
import type { Db } from "@baas/db";
import pg from "pg";

export interface UsageRow {
  idempotencyKey: string;
  tenantId: string;
  instanceId: string | null;
  agentId: string | null;
  channelId: string | null;
  sessionKey: string | null;
  runId: string | null;
  kind: "LLM" | "STT" | "TTS" | "IMAGE" | "EMBEDDING";
  source: "GATEWAY" | "REPORTED" | "SPOOLED";
  provider: "ANTHROPIC" | "OPENAI";
  model: string;
  requestedModel: string | null;
  upstreamAccountId: string | null;
  fallbackPath: string[];
  streaming: boolean;
  cacheHit: boolean;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  units: number | null;
  costListUsdMicros: number;
  costCashUsdMicros: number;
  costTenantMicros: number;
  tenantCurrency: string;
  fxRate: number;
  latencyMs: number | null;
  ttftMs: number | null;
  status: "OK" | "ERROR";
  errorCode: string | null;
  occurredAt: Date;
  /** Tenant-local calendar day (YYYY-MM-DD) for the daily roll-up. */
  day: string;
}

export interface WriteResult {
  id: string;
  inserted: boolean;
}

const COLS: [keyof UsageRow | "id", string][] = [
  ["id", "text"], ["idempotencyKey", "text"], ["tenantId", "text"], ["instanceId", "text"], ["agentId", "text"],
  ["channelId", "text"], ["sessionKey", "text"], ["runId", "text"], ["kind", '"UsageKind"'], ["source", '"UsageSource"'],
  ["provider", '"UpstreamProvider"'], ["model", "text"], ["requestedModel", "text"], ["upstreamAccountId", "text"],
  ["fallbackPath", "text[]"], ["streaming", "boolean"], ["cacheHit", "boolean"], ["inputTokens", "int"],
  ["outputTokens", "int"], ["cacheReadTokens", "int"], ["cacheWriteTokens", "int"], ["units", "numeric"],
  ["costListUsdMicros", "bigint"], ["costCashUsdMicros", "bigint"], ["costTenantMicros", "bigint"],
  ["tenantCurrency", "text"], ["fxRate", "numeric"], ["latencyMs", "int"], ["ttftMs", "int"], ["status", '"UsageStatus"'],
  ["errorCode", "text"], ["occurredAt", "timestamp(3)"],
];
const EVENT_COLS = COLS.map(([c]) => `"${c}"`).join(", ");
const SUMS = ["inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "costListUsdMicros", "costCashUsdMicros", "costTenantMicros"];

function sqlFor(n: number): string {
  const width = COLS.length + 1;
  const rows = Array.from({ length: n }, (_, r) =>
    `(${[...COLS.map(([, type], c) => `$${r * width + c + 1}::${type}`), `$${r * width + width}::date`].join(", ")})`,
  );
  return `WITH v (${EVENT_COLS}, "day") AS (VALUES ${rows.join(", ")}),
ins AS (
  INSERT INTO "UsageEvent" (${EVENT_COLS}) SELECT ${EVENT_COLS} FROM v
  ON CONFLICT ("idempotencyKey") DO NOTHING
  RETURNING "id", "idempotencyKey", "tenantId", "agentId", "channelId", "model", ${SUMS.map((s) => `"${s}"`).join(", ")}
),
daily AS (
  INSERT INTO "UsageDaily" ("tenantId", "day", "agentKey", "channelKey", "model", "calls", ${SUMS.map((s) => `"${s}"`).join(", ")})
  SELECT ins."tenantId", v."day", coalesce(ins."agentId", ''), coalesce(ins."channelId", ''), ins."model", count(*),
    ${SUMS.map((s) => `sum(ins."${s}")`).join(", ")}
  FROM ins JOIN v ON v."id" = ins."id"
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT ("tenantId", "day", "agentKey", "channelKey", "model") DO UPDATE SET
    "calls" = "UsageDaily"."calls" + EXCLUDED."calls",
    ${SUMS.map((s) => `"${s}" = "UsageDaily"."${s}" + EXCLUDED."${s}"`).join(",\n    ")}
)
SELECT "id", "idempotencyKey" FROM ins`;
}

const sqlTexts = new Map<number, string>();
const sqlText = (n: number): string => {
  let t = sqlTexts.get(n);
  if (!t) sqlTexts.set(n, (t = sqlFor(n)));
  return t;
};

function params(id: string, r: UsageRow): unknown[] {
  return COLS.map(([c]) => {
    if (c === "id") return id;
    const v = r[c];
    if (c === "occurredAt") return (v as Date).toISOString().replace("T", " ").replace("Z", "");
    if (c.startsWith("cost")) return String(Math.round(v as number));
    if (c === "fxRate" || c === "units") return v === null ? null : String(v);
    return v;
  }).concat(r.day);
}

export interface UsageWriterOptions {
  /**
   * A dedicated small pg pool for usage rows: one statement = one round trip, instead of
   * Prisma's per-query overhead. Without it the writer goes through Prisma (same SQL).
   */
  pool?: pg.Pool;
  /**
   * Acknowledge a call once its usage row is written but before PostgreSQL has flushed the
   * commit to disk (synchronous_commit=off). Faster on slow disks, but a PostgreSQL crash can
   * lose the last few hundred milliseconds of acknowledged usage. OFF by default: the default is
   * durable, and group commit (several calls per statement) keeps throughput.
   */
  asyncCommit?: boolean;
  maxBatch?: number;
  maxParallel?: number;
}

/** The dedicated pool for `UsageWriterOptions.pool`; async commit is a session setting there. */
export function createUsagePool(connectionString: string, opts: { max?: number; asyncCommit?: boolean } = {}): pg.Pool {
  return new pg.Pool({
    connectionString,
    max: opts.max ?? 4,
    // A startup parameter: no extra round trip, and it cannot leak to another pool.
    ...(opts.asyncCommit ? { options: "-c synchronous_commit=off" } : {}),
  });
}

/**
 * Writes usage events with group commit: calls that finish while a write is in flight are
 * inserted together by the next statement. Each statement inserts the events (exactly once per
 * idempotency key: ON CONFLICT DO NOTHING) and folds only the rows it really inserted into the
 * UsageDaily roll-up — one SQL statement, so both happen or neither does. Callers await their
 * own row's commit, so nothing is acknowledged before it is durable (unless `asyncCommit`).
 */
export class UsageWriter {
  private queue: { row: UsageRow; resolve: (r: WriteResult) => void; reject: (e: unknown) => void }[] = [];
  private running = 0;
  private readonly maxBatch: number;
  private readonly maxParallel: number;

  constructor(
    private readonly db: Db,
    private readonly opts: UsageWriterOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 200;
    this.maxParallel = opts.maxParallel ?? 2;
  }

  /** True when acknowledged usage survives a PostgreSQL crash (the default). */
  get durable(): boolean {
    return !this.opts.asyncCommit;
  }

  write(row: UsageRow): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.running < this.maxParallel) void this.flush();
    });
  }

  async close(): Promise<void> {
    await this.opts.pool?.end();
  }

  private async flush(): Promise<void> {
    this.running++;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const results = await this.insert(batch.map((b) => b.row));
          batch.forEach((b, i) => b.resolve(results[i]!));
        } catch (e) {
          // Rows of many tenants share a batch: one bad row must not fail the others' calls.
          // The statement failed whole, so nothing was written: each row alone, once more.
          if (batch.length === 1) batch[0]!.reject(e);
          else await Promise.all(batch.map((b) => this.insert([b.row]).then(([r]) => b.resolve(r!), b.reject)));
        }
      }
    } finally {
      this.running--;
    }
  }

  private async query<T>(sql: string, args: unknown[], name?: string): Promise<T[]> {
    // Named: each pool connection parses and plans the statement once per batch size, instead
    // of PostgreSQL re-planning a 33-column CTE on every batch (its CPU is this machine's too).
    if (this.opts.pool) return (await this.opts.pool.query({ text: sql, values: args, ...(name ? { name } : {}) })).rows as T[];
    if (!this.opts.asyncCommit) return this.db.$queryRawUnsafe<T[]>(sql, ...args);
    // Prisma has no session settings per pool: async commit for this transaction only.
    const [, rows] = await this.db.$transaction([
      this.db.$executeRawUnsafe("SET LOCAL synchronous_commit TO OFF"),
      this.db.$queryRawUnsafe<T[]>(sql, ...args),
    ]);
    return rows;
  }

  private async insert(rows: UsageRow[]): Promise<WriteResult[]> {
    const ids = rows.map(() => randomUUID());
    const args = rows.flatMap((r, i) => params(ids[i]!, r));
    // One statement, autocommitted: one round trip, committed (and, by default, flushed to
    // disk) before any caller of this batch is answered.
    const inserted = await this.query<{ id: string; idempotencyKey: string }>(sqlText(rows.length), args, `baas_usage_${rows.length}`);
    const byKey = new Map(inserted.map((r) => [r.idempotencyKey, r.id]));
    const missing = rows.filter((r) => !byKey.has(r.idempotencyKey)).map((r) => r.idempotencyKey);
    const existing = missing.length
      ? await this.query<{ id: string; idempotencyKey: string }>(`SELECT "id", "idempotencyKey" FROM "UsageEvent" WHERE "idempotencyKey" = ANY($1::text[])`, [missing])
      : [];
    const before = new Map(existing.map((r) => [r.idempotencyKey, r.id]));
    const claimed = new Set<string>();
    return rows.map((r) => {
      const id = byKey.get(r.idempotencyKey);
      // Two rows with one key in the same batch: the first one claims the insert.
      if (id && !claimed.has(r.idempotencyKey)) {
        claimed.add(r.idempotencyKey);
        return { id, inserted: true };
      }
      return { id: id ?? before.get(r.idempotencyKey) ?? "", inserted: false };
    });
  }
}

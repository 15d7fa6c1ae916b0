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
  /** Real cost beyond the hold the call was admitted with (USD micros); 0 when within it. */
  overHoldUsdMicros?: number;
  occurredAt: Date;
  /** Tenant-local calendar day (YYYY-MM-DD) for the daily roll-up. */
  day: string;
}

export interface WriteResult {
  id: string;
  inserted: boolean;
  /** PostgreSQL could not hold the row: it was kept whole in UsageDeadLetter (id is that row's). */
  deadLettered?: boolean;
}

const COLS: [keyof UsageRow | "id", string][] = [
  ["id", "text"], ["idempotencyKey", "text"], ["tenantId", "text"], ["instanceId", "text"], ["agentId", "text"],
  ["channelId", "text"], ["sessionKey", "text"], ["runId", "text"], ["kind", '"UsageKind"'], ["source", '"UsageSource"'],
  ["provider", '"UpstreamProvider"'], ["model", "text"], ["requestedModel", "text"], ["upstreamAccountId", "text"],
  ["fallbackPath", "text[]"], ["streaming", "boolean"], ["cacheHit", "boolean"], ["inputTokens", "int"],
  ["outputTokens", "int"], ["cacheReadTokens", "int"], ["cacheWriteTokens", "int"], ["units", "numeric"],
  ["costListUsdMicros", "bigint"], ["costCashUsdMicros", "bigint"], ["costTenantMicros", "bigint"],
  ["tenantCurrency", "text"], ["fxRate", "numeric"], ["latencyMs", "int"], ["ttftMs", "int"], ["status", '"UsageStatus"'],
  ["errorCode", "text"], ["overHoldUsdMicros", "bigint"], ["occurredAt", "timestamp(3)"],
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
  ON CONFLICT ("tenantId", "idempotencyKey") DO NOTHING
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
SELECT "id", "idempotencyKey", "tenantId" FROM ins`;
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
    if (c.startsWith("cost") || c === "overHoldUsdMicros") return String(Math.round((v as number | undefined) ?? 0));
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
  /** Told of every row kept in the dead-letter table (the engine raises an operator alert). */
  onDeadLetter?: (row: UsageRow, error: string) => void;
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
  private checks: { tenantId: string; idempotencyKey: string; resolve: (seen: boolean) => void; reject: (e: unknown) => void }[] = [];
  private checking = 0;
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

  /**
   * Whether a usage event with this idempotency key is recorded (committed). Checks made while
   * one is in flight share the next statement, as writes do: at concurrency 32 a few statements
   * answer every admission's replay check instead of one Prisma query per call.
   */
  recorded(tenantId: string, idempotencyKey: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.checks.push({ tenantId, idempotencyKey, resolve, reject });
      if (this.checking < this.maxParallel) void this.flushChecks();
    });
  }

  private async flushChecks(): Promise<void> {
    this.checking++;
    try {
      while (this.checks.length > 0) {
        const batch = this.checks.splice(0, this.maxBatch);
        try {
          const rows = await this.query<{ tenantId: string; idempotencyKey: string }>(
            `SELECT e."tenantId", e."idempotencyKey" FROM "UsageEvent" e
             JOIN unnest($1::text[], $2::text[]) AS k("tenantId", "key") ON e."tenantId" = k."tenantId" AND e."idempotencyKey" = k."key"`,
            [batch.map((b) => b.tenantId), batch.map((b) => b.idempotencyKey)],
            "baas_usage_recorded",
          );
          const seen = new Set(rows.map((r) => `${r.tenantId}\u0000${r.idempotencyKey}`));
          for (const b of batch) b.resolve(seen.has(`${b.tenantId}\u0000${b.idempotencyKey}`));
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      this.checking--;
    }
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
          // The statement failed whole, so nothing was written: each row alone, once more, and a
          // row that fails even alone is kept in the dead-letter table rather than lost.
          await Promise.all(batch.map((b) => this.insertAlone(b.row).then(b.resolve, b.reject)));
        }
      }
    } finally {
      this.running--;
    }
  }

  private async insertAlone(row: UsageRow): Promise<WriteResult> {
    try {
      return (await this.insert([row]))[0]!;
    } catch (e) {
      return this.deadLetter(row, e);
    }
  }

  private async deadLetter(row: UsageRow, cause: unknown): Promise<WriteResult> {
    const id = randomUUID();
    const error = (cause instanceof Error ? cause.message : String(cause)).slice(0, 500);
    const payload = JSON.stringify(row, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
    await this.query(
      `INSERT INTO "UsageDeadLetter" ("id", "tenantId", "idempotencyKey", "payload", "error") VALUES ($1, $2, $3, $4::jsonb, $5)`,
      [id, row.tenantId, row.idempotencyKey, payload, error],
    );
    this.opts.onDeadLetter?.(row, error);
    return { id, inserted: false, deadLettered: true };
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
    const bad = rows.findIndex((r) => outOfBounds(r) !== null);
    // Checked before PostgreSQL sees it: a number no column can hold fails this batch here, and
    // the row-by-row retry sends just that row to the dead-letter table.
    if (bad >= 0) throw new Error(`usage row out of bounds: ${outOfBounds(rows[bad]!)}`);
    const ids = rows.map(() => randomUUID());
    const args = rows.flatMap((r, i) => params(ids[i]!, r));
    // One statement, autocommitted: one round trip, committed (and, by default, flushed to
    // disk) before any caller of this batch is answered.
    type Row = { id: string; idempotencyKey: string; tenantId: string };
    const inserted = await this.query<Row>(sqlText(rows.length), args, `baas_usage_${rows.length}`);
    const keyOf = (r: { tenantId: string; idempotencyKey: string }) => `${r.tenantId}\u0000${r.idempotencyKey}`;
    const byKey = new Map(inserted.map((r) => [keyOf(r), r.id]));
    const missing = rows.filter((r) => !byKey.has(keyOf(r)));
    const existing = missing.length
      ? await this.query<Row>(
          `SELECT e."id", e."idempotencyKey", e."tenantId" FROM "UsageEvent" e
           JOIN unnest($1::text[], $2::text[]) AS k("tenantId", "key") ON e."tenantId" = k."tenantId" AND e."idempotencyKey" = k."key"`,
          [missing.map((r) => r.tenantId), missing.map((r) => r.idempotencyKey)],
        )
      : [];
    const before = new Map(existing.map((r) => [keyOf(r), r.id]));
    const claimed = new Set<string>();
    return rows.map((r) => {
      const k = keyOf(r);
      const id = byKey.get(k);
      // Two rows with one key in the same batch: the first one claims the insert.
      if (id && !claimed.has(k)) {
        claimed.add(k);
        return { id, inserted: true };
      }
      return { id: id ?? before.get(k) ?? "", inserted: false };
    });
  }
}

const INT_MAX = 2_147_483_647;
const BIGINT_SAFE = Number.MAX_SAFE_INTEGER;

/** The first field of a row that its column cannot hold, or null. */
export function outOfBounds(r: UsageRow): string | null {
  const ints: (keyof UsageRow)[] = ["inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "latencyMs", "ttftMs"];
  for (const k of ints) {
    const v = r[k] as number | null;
    if (v !== null && !(Number.isInteger(v) && v >= 0 && v <= INT_MAX)) return `${k}=${String(v)}`;
  }
  const bigs: (keyof UsageRow)[] = ["costListUsdMicros", "costCashUsdMicros", "costTenantMicros", "overHoldUsdMicros"];
  for (const k of bigs) {
    const v = (r[k] as number | undefined) ?? 0;
    if (!(Number.isFinite(v) && v >= 0 && v <= BIGINT_SAFE)) return `${k}=${String(v)}`;
  }
  if (r.units !== null && !(Number.isFinite(r.units) && r.units >= 0 && r.units <= 1e12)) return `units=${String(r.units)}`;
  return null;
}

/**
 * The UsageDaily roll-up: one row per tenant × local day × agent × channel × model, so that the
 * dashboards never scan raw events. A day is the calendar day in the tenant's time zone (budget
 * periods use the same zone); empty agent/channel keys stand for "none". BLOCKED events carry no
 * usage and are left out.
 */
import type { Db } from "./client";
import { Prisma } from "./generated/prisma/client";

const DAY = Prisma.sql`(e."occurredAt" AT TIME ZONE 'UTC' AT TIME ZONE t."timezone")::date`;

const COLUMNS = Prisma.sql`("tenantId", "day", "agentKey", "channelKey", "model", "calls", "inputTokens", "outputTokens",
  "cacheReadTokens", "cacheWriteTokens", "costListUsdMicros", "costCashUsdMicros", "costTenantMicros")`;

const AGGREGATES = Prisma.sql`e."tenantId", ${DAY}, COALESCE(e."agentId", ''), COALESCE(e."channelId", ''), e."model",
  COUNT(*)::int, SUM(e."inputTokens")::bigint, SUM(e."outputTokens")::bigint, SUM(e."cacheReadTokens")::bigint,
  SUM(e."cacheWriteTokens")::bigint, SUM(e."costListUsdMicros")::bigint, SUM(e."costCashUsdMicros")::bigint,
  SUM(e."costTenantMicros")::bigint`;

const CONFLICT = Prisma.sql`ON CONFLICT ("tenantId", "day", "agentKey", "channelKey", "model")`;

export interface DayRange {
  /** First local day to rebuild (inclusive), "YYYY-MM-DD" or a Date (its UTC date). */
  from?: string | Date;
  /** Last local day to rebuild (inclusive). */
  to?: string | Date;
}

const isoDay = (d: string | Date) => (typeof d === "string" ? d : d.toISOString().slice(0, 10));

function rangeFilter(column: Prisma.Sql, range: DayRange): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (range.from) parts.push(Prisma.sql`AND ${column} >= ${isoDay(range.from)}::date`);
  if (range.to) parts.push(Prisma.sql`AND ${column} <= ${isoDay(range.to)}::date`);
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

/**
 * Recomputes a tenant's roll-up from its usage events (all days, or a range): rows are replaced
 * with the sums of the events, rows no event supports any more are removed. Idempotent.
 */
export async function rebuildUsageDaily(db: Db, tenantId: string, range: DayRange = {}): Promise<number> {
  const [, upserted] = await db.$transaction([
    db.$executeRaw`DELETE FROM "UsageDaily" d WHERE d."tenantId" = ${tenantId} ${rangeFilter(Prisma.sql`d."day"`, range)}`,
    db.$executeRaw`INSERT INTO "UsageDaily" ${COLUMNS}
      SELECT ${AGGREGATES}
      FROM "UsageEvent" e JOIN "Tenant" t ON t."id" = e."tenantId"
      WHERE e."tenantId" = ${tenantId} AND e."status" <> 'BLOCKED' ${rangeFilter(DAY, range)}
      GROUP BY 1, 2, 3, 4, 5
      ${CONFLICT} DO UPDATE SET "calls" = EXCLUDED."calls", "inputTokens" = EXCLUDED."inputTokens",
        "outputTokens" = EXCLUDED."outputTokens", "cacheReadTokens" = EXCLUDED."cacheReadTokens",
        "cacheWriteTokens" = EXCLUDED."cacheWriteTokens", "costListUsdMicros" = EXCLUDED."costListUsdMicros",
        "costCashUsdMicros" = EXCLUDED."costCashUsdMicros", "costTenantMicros" = EXCLUDED."costTenantMicros"`,
  ]);
  return upserted;
}

/**
 * Adds freshly written usage events to the roll-up (call it once per event, in the transaction
 * that inserted them). Additive, so it must not run twice for the same event.
 */
export async function addUsageEventsToDaily(db: Pick<Db, "$executeRaw">, usageEventIds: string[]): Promise<number> {
  if (!usageEventIds.length) return 0;
  return db.$executeRaw`INSERT INTO "UsageDaily" ${COLUMNS}
    SELECT ${AGGREGATES}
    FROM "UsageEvent" e JOIN "Tenant" t ON t."id" = e."tenantId"
    WHERE e."id" IN (${Prisma.join(usageEventIds)}) AND e."status" <> 'BLOCKED'
    GROUP BY 1, 2, 3, 4, 5
    ${CONFLICT} DO UPDATE SET "calls" = "UsageDaily"."calls" + EXCLUDED."calls",
      "inputTokens" = "UsageDaily"."inputTokens" + EXCLUDED."inputTokens",
      "outputTokens" = "UsageDaily"."outputTokens" + EXCLUDED."outputTokens",
      "cacheReadTokens" = "UsageDaily"."cacheReadTokens" + EXCLUDED."cacheReadTokens",
      "cacheWriteTokens" = "UsageDaily"."cacheWriteTokens" + EXCLUDED."cacheWriteTokens",
      "costListUsdMicros" = "UsageDaily"."costListUsdMicros" + EXCLUDED."costListUsdMicros",
      "costCashUsdMicros" = "UsageDaily"."costCashUsdMicros" + EXCLUDED."costCashUsdMicros",
      "costTenantMicros" = "UsageDaily"."costTenantMicros" + EXCLUDED."costTenantMicros"`;
}

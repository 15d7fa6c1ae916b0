-- Analytics roll-ups (routes and accounts, latency histograms, agent turns) kept by a
-- statement-level trigger on UsageEvent, so that every writer feeds them in its own transaction
-- and the analytics pages never scan raw events. Plus an index for the calls of one session and
-- two alert kinds raised by the scheduled evaluation.

ALTER TYPE "AlertKind" ADD VALUE 'ERROR_RATE';
ALTER TYPE "AlertKind" ADD VALUE 'COST_ANOMALY';

-- CreateTable
CREATE TABLE "UsageDailyRoute" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "model" TEXT NOT NULL,
    "accountKey" TEXT NOT NULL DEFAULT '',
    "calls" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "fallbacks" INTEGER NOT NULL DEFAULT 0,
    "cacheHits" INTEGER NOT NULL DEFAULT 0,
    "hitInputTokens" BIGINT NOT NULL DEFAULT 0,
    "hitOutputTokens" BIGINT NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheReadTokens" BIGINT NOT NULL DEFAULT 0,
    "costListUsdMicros" BIGINT NOT NULL DEFAULT 0,
    "costCashUsdMicros" BIGINT NOT NULL DEFAULT 0,
    "costTenantMicros" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "UsageDailyRoute_pkey" PRIMARY KEY ("tenantId","day","model","accountKey")
);

-- CreateTable
CREATE TABLE "UsageLatencyDaily" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "model" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "latencyCalls" INTEGER NOT NULL DEFAULT 0,
    "ttftCalls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UsageLatencyDaily_pkey" PRIMARY KEY ("tenantId","day","model","bucket")
);

-- CreateTable
CREATE TABLE "UsageRunDay" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "runId" TEXT NOT NULL,
    "agentKey" TEXT NOT NULL DEFAULT '',
    "channelKey" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "UsageRunDay_pkey" PRIMARY KEY ("tenantId","day","runId")
);

-- CreateIndex
CREATE INDEX "UsageEvent_tenantId_sessionKey_occurredAt_idx" ON "UsageEvent"("tenantId", "sessionKey", "occurredAt");

-- AddForeignKey
ALTER TABLE "UsageDailyRoute" ADD CONSTRAINT "UsageDailyRoute_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageLatencyDaily" ADD CONSTRAINT "UsageLatencyDaily_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageRunDay" ADD CONSTRAINT "UsageRunDay_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Latency bucket b holds values up to 1.05 to the power b milliseconds (within 5 percent)
CREATE FUNCTION "baas_latency_bucket"(ms integer) RETURNS integer LANGUAGE sql IMMUTABLE AS '
  SELECT CASE WHEN ms IS NULL OR ms <= 1 THEN 0 ELSE ceil(ln(ms::float8) / ln(1.05))::int END
';

-- The migration runner splits scripts at every semicolon, so the function body writes them as
-- the octal escape 073 inside an E string
CREATE FUNCTION "baas_usage_rollups"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "UsageDailyRoute" ("tenantId", "day", "model", "accountKey", "calls", "errors", "fallbacks", "cacheHits",
    "hitInputTokens", "hitOutputTokens", "inputTokens", "cacheReadTokens", "costListUsdMicros", "costCashUsdMicros", "costTenantMicros")
  SELECT n."tenantId", (n."occurredAt" AT TIME ZONE ''UTC'' AT TIME ZONE t."timezone")::date, n."model", COALESCE(n."upstreamAccountId", ''''),
    COUNT(*)::int, (COUNT(*) FILTER (WHERE n."status" = ''ERROR''))::int,
    (COUNT(*) FILTER (WHERE cardinality(n."fallbackPath") > 1))::int, (COUNT(*) FILTER (WHERE n."cacheHit"))::int,
    COALESCE(SUM(n."inputTokens") FILTER (WHERE n."cacheHit"), 0)::bigint, COALESCE(SUM(n."outputTokens") FILTER (WHERE n."cacheHit"), 0)::bigint,
    SUM(n."inputTokens")::bigint, SUM(n."cacheReadTokens")::bigint,
    SUM(n."costListUsdMicros")::bigint, SUM(n."costCashUsdMicros")::bigint, SUM(n."costTenantMicros")::bigint
  FROM new_rows n JOIN "Tenant" t ON t."id" = n."tenantId"
  WHERE n."status" <> ''BLOCKED''
  GROUP BY 1, 2, 3, 4
  ON CONFLICT ("tenantId", "day", "model", "accountKey") DO UPDATE SET "calls" = "UsageDailyRoute"."calls" + EXCLUDED."calls", "errors" = "UsageDailyRoute"."errors" + EXCLUDED."errors", "fallbacks" = "UsageDailyRoute"."fallbacks" + EXCLUDED."fallbacks", "cacheHits" = "UsageDailyRoute"."cacheHits" + EXCLUDED."cacheHits", "hitInputTokens" = "UsageDailyRoute"."hitInputTokens" + EXCLUDED."hitInputTokens", "hitOutputTokens" = "UsageDailyRoute"."hitOutputTokens" + EXCLUDED."hitOutputTokens", "inputTokens" = "UsageDailyRoute"."inputTokens" + EXCLUDED."inputTokens", "cacheReadTokens" = "UsageDailyRoute"."cacheReadTokens" + EXCLUDED."cacheReadTokens", "costListUsdMicros" = "UsageDailyRoute"."costListUsdMicros" + EXCLUDED."costListUsdMicros", "costCashUsdMicros" = "UsageDailyRoute"."costCashUsdMicros" + EXCLUDED."costCashUsdMicros", "costTenantMicros" = "UsageDailyRoute"."costTenantMicros" + EXCLUDED."costTenantMicros"\073
  INSERT INTO "UsageLatencyDaily" ("tenantId", "day", "model", "bucket", "latencyCalls", "ttftCalls")
  SELECT x."tenantId", x."day", x."model", x."bucket", SUM(x."l")::int, SUM(x."f")::int FROM (
    SELECT n."tenantId", (n."occurredAt" AT TIME ZONE ''UTC'' AT TIME ZONE t."timezone")::date AS "day", n."model", "baas_latency_bucket"(n."latencyMs") AS "bucket", 1 AS "l", 0 AS "f"
      FROM new_rows n JOIN "Tenant" t ON t."id" = n."tenantId" WHERE n."status" <> ''BLOCKED'' AND n."latencyMs" IS NOT NULL
    UNION ALL
    SELECT n."tenantId", (n."occurredAt" AT TIME ZONE ''UTC'' AT TIME ZONE t."timezone")::date, n."model", "baas_latency_bucket"(n."ttftMs"), 0, 1
      FROM new_rows n JOIN "Tenant" t ON t."id" = n."tenantId" WHERE n."status" <> ''BLOCKED'' AND n."ttftMs" IS NOT NULL
  ) x GROUP BY 1, 2, 3, 4
  ON CONFLICT ("tenantId", "day", "model", "bucket") DO UPDATE SET "latencyCalls" = "UsageLatencyDaily"."latencyCalls" + EXCLUDED."latencyCalls", "ttftCalls" = "UsageLatencyDaily"."ttftCalls" + EXCLUDED."ttftCalls"\073
  INSERT INTO "UsageRunDay" ("tenantId", "day", "runId", "agentKey", "channelKey")
  SELECT DISTINCT ON (1, 2, 3) n."tenantId", (n."occurredAt" AT TIME ZONE ''UTC'' AT TIME ZONE t."timezone")::date, n."runId", COALESCE(n."agentId", ''''), COALESCE(n."channelId", '''')
  FROM new_rows n JOIN "Tenant" t ON t."id" = n."tenantId"
  WHERE n."status" <> ''BLOCKED'' AND n."runId" IS NOT NULL
  ON CONFLICT ("tenantId", "day", "runId") DO NOTHING\073
  RETURN NULL\073
END
';

CREATE TRIGGER "UsageEvent_rollups" AFTER INSERT ON "UsageEvent"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "baas_usage_rollups"();

-- Backfill from the events already recorded
INSERT INTO "UsageDailyRoute" ("tenantId", "day", "model", "accountKey", "calls", "errors", "fallbacks", "cacheHits",
    "hitInputTokens", "hitOutputTokens", "inputTokens", "cacheReadTokens", "costListUsdMicros", "costCashUsdMicros", "costTenantMicros")
  SELECT n."tenantId", (n."occurredAt" AT TIME ZONE 'UTC' AT TIME ZONE t."timezone")::date, n."model", COALESCE(n."upstreamAccountId", ''),
    COUNT(*)::int, (COUNT(*) FILTER (WHERE n."status" = 'ERROR'))::int,
    (COUNT(*) FILTER (WHERE cardinality(n."fallbackPath") > 1))::int, (COUNT(*) FILTER (WHERE n."cacheHit"))::int,
    COALESCE(SUM(n."inputTokens") FILTER (WHERE n."cacheHit"), 0)::bigint, COALESCE(SUM(n."outputTokens") FILTER (WHERE n."cacheHit"), 0)::bigint,
    SUM(n."inputTokens")::bigint, SUM(n."cacheReadTokens")::bigint,
    SUM(n."costListUsdMicros")::bigint, SUM(n."costCashUsdMicros")::bigint, SUM(n."costTenantMicros")::bigint
  FROM "UsageEvent" n JOIN "Tenant" t ON t."id" = n."tenantId"
  WHERE n."status" <> 'BLOCKED'
  GROUP BY 1, 2, 3, 4;
INSERT INTO "UsageLatencyDaily" ("tenantId", "day", "model", "bucket", "latencyCalls", "ttftCalls")
  SELECT x."tenantId", x."day", x."model", x."bucket", SUM(x."l")::int, SUM(x."f")::int FROM (
    SELECT n."tenantId", (n."occurredAt" AT TIME ZONE 'UTC' AT TIME ZONE t."timezone")::date AS "day", n."model", "baas_latency_bucket"(n."latencyMs") AS "bucket", 1 AS "l", 0 AS "f"
      FROM "UsageEvent" n JOIN "Tenant" t ON t."id" = n."tenantId" WHERE n."status" <> 'BLOCKED' AND n."latencyMs" IS NOT NULL
    UNION ALL
    SELECT n."tenantId", (n."occurredAt" AT TIME ZONE 'UTC' AT TIME ZONE t."timezone")::date, n."model", "baas_latency_bucket"(n."ttftMs"), 0, 1
      FROM "UsageEvent" n JOIN "Tenant" t ON t."id" = n."tenantId" WHERE n."status" <> 'BLOCKED' AND n."ttftMs" IS NOT NULL
  ) x GROUP BY 1, 2, 3, 4;
INSERT INTO "UsageRunDay" ("tenantId", "day", "runId", "agentKey", "channelKey")
  SELECT DISTINCT ON (1, 2, 3) n."tenantId", (n."occurredAt" AT TIME ZONE 'UTC' AT TIME ZONE t."timezone")::date, n."runId", COALESCE(n."agentId", ''), COALESCE(n."channelId", '')
  FROM "UsageEvent" n JOIN "Tenant" t ON t."id" = n."tenantId"
  WHERE n."status" <> 'BLOCKED' AND n."runId" IS NOT NULL;

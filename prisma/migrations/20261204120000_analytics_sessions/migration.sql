-- Sessions roll-up: the drill-down from a channel or agent to its sessions, and messages (agent
-- turns first seen that day) summed per session, read without scanning events or turns.
-- The roll-up trigger function is replaced to keep it as well (semicolons in its body are the
-- octal escape 073 because the migration runner splits scripts at every semicolon).
-- Every upsert takes its rows in key order, so two writers inserting usage of the same tenant and
-- day at once lock the roll-up rows in the same order and never deadlock.

-- CreateTable
CREATE TABLE "UsageSessionDaily" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "sessionKey" TEXT NOT NULL,
    "agentKey" TEXT NOT NULL DEFAULT '',
    "channelKey" TEXT NOT NULL DEFAULT '',
    "calls" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "tokens" BIGINT NOT NULL DEFAULT 0,
    "costListUsdMicros" BIGINT NOT NULL DEFAULT 0,
    "costTenantMicros" BIGINT NOT NULL DEFAULT 0,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsageSessionDaily_pkey" PRIMARY KEY ("tenantId","day","sessionKey")
);

-- CreateIndex
CREATE INDEX "UsageSessionDaily_tenantId_agentKey_day_idx" ON "UsageSessionDaily"("tenantId", "agentKey", "day");

-- CreateIndex
CREATE INDEX "UsageSessionDaily_tenantId_channelKey_day_idx" ON "UsageSessionDaily"("tenantId", "channelKey", "day");

-- AddForeignKey
ALTER TABLE "UsageSessionDaily" ADD CONSTRAINT "UsageSessionDaily_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE OR REPLACE FUNCTION "baas_usage_rollups"() RETURNS trigger LANGUAGE plpgsql AS E'
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
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("tenantId", "day", "model", "accountKey") DO UPDATE SET "calls" = "UsageDailyRoute"."calls" + EXCLUDED."calls", "errors" = "UsageDailyRoute"."errors" + EXCLUDED."errors", "fallbacks" = "UsageDailyRoute"."fallbacks" + EXCLUDED."fallbacks", "cacheHits" = "UsageDailyRoute"."cacheHits" + EXCLUDED."cacheHits", "hitInputTokens" = "UsageDailyRoute"."hitInputTokens" + EXCLUDED."hitInputTokens", "hitOutputTokens" = "UsageDailyRoute"."hitOutputTokens" + EXCLUDED."hitOutputTokens", "inputTokens" = "UsageDailyRoute"."inputTokens" + EXCLUDED."inputTokens", "cacheReadTokens" = "UsageDailyRoute"."cacheReadTokens" + EXCLUDED."cacheReadTokens", "costListUsdMicros" = "UsageDailyRoute"."costListUsdMicros" + EXCLUDED."costListUsdMicros", "costCashUsdMicros" = "UsageDailyRoute"."costCashUsdMicros" + EXCLUDED."costCashUsdMicros", "costTenantMicros" = "UsageDailyRoute"."costTenantMicros" + EXCLUDED."costTenantMicros"\073
  INSERT INTO "UsageLatencyDaily" ("tenantId", "day", "model", "bucket", "latencyCalls", "ttftCalls")
  SELECT x."tenantId", x."day", x."model", x."bucket", SUM(x."l")::int, SUM(x."f")::int FROM (
    SELECT n."tenantId", (n."occurredAt" AT TIME ZONE ''UTC'' AT TIME ZONE t."timezone")::date AS "day", n."model", "baas_latency_bucket"(n."latencyMs") AS "bucket", 1 AS "l", 0 AS "f"
      FROM new_rows n JOIN "Tenant" t ON t."id" = n."tenantId" WHERE n."status" <> ''BLOCKED'' AND n."latencyMs" IS NOT NULL
    UNION ALL
    SELECT n."tenantId", (n."occurredAt" AT TIME ZONE ''UTC'' AT TIME ZONE t."timezone")::date, n."model", "baas_latency_bucket"(n."ttftMs"), 0, 1
      FROM new_rows n JOIN "Tenant" t ON t."id" = n."tenantId" WHERE n."status" <> ''BLOCKED'' AND n."ttftMs" IS NOT NULL
  ) x GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("tenantId", "day", "model", "bucket") DO UPDATE SET "latencyCalls" = "UsageLatencyDaily"."latencyCalls" + EXCLUDED."latencyCalls", "ttftCalls" = "UsageLatencyDaily"."ttftCalls" + EXCLUDED."ttftCalls"\073
  WITH fresh AS (
    INSERT INTO "UsageRunDay" ("tenantId", "day", "runId", "agentKey", "channelKey")
    SELECT DISTINCT ON (1, 2, 3) n."tenantId", (n."occurredAt" AT TIME ZONE ''UTC'' AT TIME ZONE t."timezone")::date, n."runId", COALESCE(n."agentId", ''''), COALESCE(n."channelId", '''')
    FROM new_rows n JOIN "Tenant" t ON t."id" = n."tenantId"
    WHERE n."status" <> ''BLOCKED'' AND n."runId" IS NOT NULL ORDER BY 1, 2, 3
    ON CONFLICT ("tenantId", "day", "runId") DO NOTHING
    RETURNING "tenantId", "day", "runId"
  ), run_sessions AS (
    SELECT DISTINCT ON (n."tenantId", n."runId") n."tenantId", n."runId", COALESCE(n."sessionKey", '''') AS sk
    FROM new_rows n WHERE n."runId" IS NOT NULL AND n."status" <> ''BLOCKED''
  ), msgs AS (
    SELECT f."tenantId", f."day", rs.sk, COUNT(*)::int AS m FROM fresh f JOIN run_sessions rs ON rs."tenantId" = f."tenantId" AND rs."runId" = f."runId"
    GROUP BY 1, 2, 3
  ), per_session AS (
    SELECT n."tenantId", (n."occurredAt" AT TIME ZONE ''UTC'' AT TIME ZONE t."timezone")::date AS "day", COALESCE(n."sessionKey", '''') AS sk, MAX(COALESCE(n."agentId", '''')) AS ak, MAX(COALESCE(n."channelId", '''')) AS ck,
      COUNT(*)::int AS calls, (COUNT(*) FILTER (WHERE n."status" = ''ERROR''))::int AS errors,
      SUM(n."inputTokens" + n."outputTokens" + n."cacheReadTokens" + n."cacheWriteTokens")::bigint AS tokens,
      SUM(n."costListUsdMicros")::bigint AS usd, SUM(n."costTenantMicros")::bigint AS cost, MIN(n."occurredAt") AS first_at, MAX(n."occurredAt") AS last_at
    FROM new_rows n JOIN "Tenant" t ON t."id" = n."tenantId"
    WHERE n."status" <> ''BLOCKED''
    GROUP BY 1, 2, 3
  )
  INSERT INTO "UsageSessionDaily" ("tenantId", "day", "sessionKey", "agentKey", "channelKey", "calls", "errors", "messages", "tokens", "costListUsdMicros", "costTenantMicros", "firstAt", "lastAt")
  SELECT p."tenantId", p."day", p.sk, p.ak, p.ck, p.calls, p.errors, COALESCE(m.m, 0), p.tokens, p.usd, p.cost, p.first_at, p.last_at
  FROM per_session p LEFT JOIN msgs m ON m."tenantId" = p."tenantId" AND m."day" = p."day" AND m.sk = p.sk ORDER BY 1, 2, 3
  ON CONFLICT ("tenantId", "day", "sessionKey") DO UPDATE SET "calls" = "UsageSessionDaily"."calls" + EXCLUDED."calls",
    "errors" = "UsageSessionDaily"."errors" + EXCLUDED."errors", "messages" = "UsageSessionDaily"."messages" + EXCLUDED."messages",
    "tokens" = "UsageSessionDaily"."tokens" + EXCLUDED."tokens", "costListUsdMicros" = "UsageSessionDaily"."costListUsdMicros" + EXCLUDED."costListUsdMicros",
    "costTenantMicros" = "UsageSessionDaily"."costTenantMicros" + EXCLUDED."costTenantMicros",
    "firstAt" = LEAST("UsageSessionDaily"."firstAt", EXCLUDED."firstAt"), "lastAt" = GREATEST("UsageSessionDaily"."lastAt", EXCLUDED."lastAt")\073
  RETURN NULL\073
END
';

-- Backfill sessions from the events already recorded, messages from the turns already counted
INSERT INTO "UsageSessionDaily" ("tenantId", "day", "sessionKey", "agentKey", "channelKey", "calls", "errors", "messages", "tokens", "costListUsdMicros", "costTenantMicros", "firstAt", "lastAt")
SELECT p."tenantId", p."day", p.sk, p.ak, p.ck, p.calls, p.errors, COALESCE(m.m, 0), p.tokens, p.usd, p.cost, p.first_at, p.last_at
FROM (
  SELECT n."tenantId", (n."occurredAt" AT TIME ZONE 'UTC' AT TIME ZONE t."timezone")::date AS "day", COALESCE(n."sessionKey", '') AS sk, MAX(COALESCE(n."agentId", '')) AS ak, MAX(COALESCE(n."channelId", '')) AS ck,
    COUNT(*)::int AS calls, (COUNT(*) FILTER (WHERE n."status" = 'ERROR'))::int AS errors,
    SUM(n."inputTokens" + n."outputTokens" + n."cacheReadTokens" + n."cacheWriteTokens")::bigint AS tokens,
    SUM(n."costListUsdMicros")::bigint AS usd, SUM(n."costTenantMicros")::bigint AS cost, MIN(n."occurredAt") AS first_at, MAX(n."occurredAt") AS last_at
  FROM "UsageEvent" n JOIN "Tenant" t ON t."id" = n."tenantId"
  WHERE n."status" <> 'BLOCKED'
  GROUP BY 1, 2, 3
) p LEFT JOIN (
  SELECT x."tenantId", x."day", x.sk, COUNT(*)::int AS m FROM (
    SELECT DISTINCT ON (n."tenantId", (n."occurredAt" AT TIME ZONE 'UTC' AT TIME ZONE t."timezone")::date, n."runId") n."tenantId", (n."occurredAt" AT TIME ZONE 'UTC' AT TIME ZONE t."timezone")::date AS "day", COALESCE(n."sessionKey", '') AS sk
    FROM "UsageEvent" n JOIN "Tenant" t ON t."id" = n."tenantId"
    WHERE n."status" <> 'BLOCKED' AND n."runId" IS NOT NULL
  ) x GROUP BY 1, 2, 3
) m ON m."tenantId" = p."tenantId" AND m."day" = p."day" AND m.sk = p.sk;

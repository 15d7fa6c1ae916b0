-- Usage ids are chosen by callers, so they are unique per tenant: one tenant can neither collide
-- with nor claim the ids of another. Calls that cost more than their hold are marked, and rows that
-- PostgreSQL refuses are kept in a dead-letter table instead of being lost.
DROP INDEX "UsageEvent_idempotencyKey_key";
CREATE UNIQUE INDEX "UsageEvent_tenantId_idempotencyKey_key" ON "UsageEvent"("tenantId", "idempotencyKey");
ALTER TABLE "UsageEvent" ADD COLUMN "overHoldUsdMicros" BIGINT NOT NULL DEFAULT 0;

ALTER TYPE "AlertKind" ADD VALUE 'HOLD_EXCEEDED';
ALTER TYPE "AlertKind" ADD VALUE 'USAGE_DEAD_LETTER';

CREATE TABLE "UsageDeadLetter" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "error" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UsageDeadLetter_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "UsageDeadLetter_tenantId_createdAt_idx" ON "UsageDeadLetter"("tenantId", "createdAt");
ALTER TABLE "UsageDeadLetter" ADD CONSTRAINT "UsageDeadLetter_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

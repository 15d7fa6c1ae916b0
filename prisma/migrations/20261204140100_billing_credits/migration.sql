-- Prepaid calls on credit models (Business buys Opus credits through Checkout), spent one per call.
-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "creditBalance" INTEGER NOT NULL DEFAULT 0;

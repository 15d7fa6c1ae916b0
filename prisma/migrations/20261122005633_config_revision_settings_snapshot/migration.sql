-- AlterTable
ALTER TABLE "ConfigRevision" ADD COLUMN     "settings" JSONB;

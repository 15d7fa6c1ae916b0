-- Optional signed webhook per tenant for budget alerts (URL and encrypted signing secret)
-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "alertWebhookSecret" TEXT,
ADD COLUMN     "alertWebhookUrl" TEXT;

-- Billing through Stripe: a tier is sold as a Stripe Product, a subscription remembers the price
-- it pays and the newest Stripe event applied to it (older ones change nothing), and a failed
-- payment opens a grace period before the tenant falls back to Starter.
-- AlterTable
ALTER TABLE "StripeEvent" ADD COLUMN     "outcome" TEXT NOT NULL DEFAULT 'applied',
ADD COLUMN     "tenantId" TEXT;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "graceEndsAt" TIMESTAMP(3),
ADD COLUMN     "pastDueSince" TIMESTAMP(3),
ADD COLUMN     "stripePriceId" TEXT,
ADD COLUMN     "stripeStateAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Tier" ADD COLUMN     "stripeProductId" TEXT;

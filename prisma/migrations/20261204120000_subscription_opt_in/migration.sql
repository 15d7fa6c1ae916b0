-- Subscription accounts are used only after an operator accepted the terms shown for them
-- (existing ones stay off until then, as the issue asks)
ALTER TABLE "UpstreamAccount" ADD COLUMN "subscriptionTermsAcceptedAt" TIMESTAMP(3);
ALTER TABLE "UpstreamAccount" ADD COLUMN "subscriptionTermsAcceptedBy" TEXT;

import type { Db } from "@baas/db";

type DbLike = Pick<Db, "fxRate" | "usageEvent">;

/**
 * USD → tenant currency for display (amounts recorded in USD shown in the tenant's money): the
 * latest daily rate the gateway stored, else the rate of the tenant's latest priced call; null when
 * neither exists, and pages then show USD rather than a guessed conversion.
 */
export async function displayUsdRate(db: DbLike, tenantId: string, currency: string): Promise<number | null> {
  if (currency === "USD") return 1;
  const fx = await db.fxRate.findFirst({ where: { base: "USD", quote: currency }, orderBy: { day: "desc" }, select: { rate: true } });
  if (fx) return Number(fx.rate);
  const ev = await db.usageEvent.findFirst({ where: { tenantId, tenantCurrency: currency }, orderBy: { occurredAt: "desc" }, select: { fxRate: true } });
  return ev ? Number(ev.fxRate) : null;
}

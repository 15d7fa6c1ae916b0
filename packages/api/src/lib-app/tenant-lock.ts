import type { DbLike } from "./db-like";

/**
 * Serialises changes that read-then-write across a tenant's rows (owner count, config revision
 * numbers) by locking its Tenant row until the transaction ends. Call inside a transaction.
 * NO KEY UPDATE, not UPDATE: every insert of a row that references the tenant takes KEY SHARE
 * on it, and two savers each holding that and asking for UPDATE deadlock.
 */
export async function lockTenant(db: DbLike, tenantId: string): Promise<void> {
  await db.$queryRaw`SELECT id FROM "Tenant" WHERE id = ${tenantId} FOR NO KEY UPDATE`;
}

import type { Db, Prisma } from "@baas/db";

/** Domain functions run on the client or inside an interactive transaction alike. */
export type DbLike = Db | Prisma.TransactionClient;

/** Who is acting, in which tenant: every app domain function takes this. */
export interface Actor {
  tenantId: string;
  userId: string | null;
}

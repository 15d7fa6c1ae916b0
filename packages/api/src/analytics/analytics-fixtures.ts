/** Test helper: usage events written the way the gateway's rows look, roll-ups brought up to date. */
import { randomUUID } from "node:crypto";
import { rebuildUsageDaily, type Db, type Prisma } from "@baas/db";

export type EventSeed = Partial<Prisma.UsageEventCreateManyInput> & { model: string };

/** Inserts events in one statement (the roll-up trigger runs once) and rebuilds UsageDaily. */
export async function insertEvents(db: Db, tenantId: string, events: EventSeed[]): Promise<void> {
  await db.usageEvent.createMany({
    data: events.map((e) => ({ idempotencyKey: randomUUID(), tenantId, provider: "ANTHROPIC", tenantCurrency: "BRL", ...e })),
  });
  await rebuildUsageDaily(db, tenantId);
}

import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;

export interface CreateDbOptions {
  connectionString: string;
  /** Pool size per process; the gateway's hot path wants a handful of warm connections. */
  max?: number;
}

export function createDb({ connectionString, max = 10 }: CreateDbOptions): Db {
  const adapter = new PrismaPg({ connectionString, max });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { __baasDb?: { url: string; db: Db } };

/**
 * One client per process and connection string: Next.js dev reloads and test files that import
 * several modules must not open a pool each. `max` is the pool size: pass DATABASE_POOL_MAX
 * (npm start sets it to 1 on the embedded PGlite server, which is a single session).
 */
export function getDb(connectionString: string, opts: { max?: number } = {}): Db {
  const cached = globalForDb.__baasDb;
  if (cached && cached.url === connectionString) return cached.db;
  const db = createDb({ connectionString, max: opts.max });
  globalForDb.__baasDb = { url: connectionString, db };
  return db;
}

import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { splitPoolLimit } from "./pool-limit";

export { splitPoolLimit };

export type Db = PrismaClient;

export interface CreateDbOptions {
  connectionString: string;
  /** Pool size per process (default: the URL's connection_limit, else 10); the gateway's hot path wants a handful of warm connections. */
  max?: number;
}

export function createDb(opts: CreateDbOptions): Db {
  const { connectionString, max: fromUrl } = splitPoolLimit(opts.connectionString);
  const adapter = new PrismaPg({ connectionString, max: opts.max ?? fromUrl ?? 10 });
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

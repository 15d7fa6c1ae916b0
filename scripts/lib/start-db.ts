/**
 * The database `npm start` runs on: the server DATABASE_URL names (created when missing), or the
 * embedded PGlite server with its files in <data>/pglite. Connection problems become one line.
 */
import net from "node:net";
import { join } from "node:path";
import { ensureDatabase, migrateDatabase } from "@baas/db/migrate";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@baas/db/embedded";
import { StartupError } from "./start-env";

const REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ETIMEDOUT: "timed out",
  EHOSTUNREACH: "host unreachable",
  "28P01": "password authentication failed",
  "28000": "authentication rejected",
  "3D000": "database does not exist",
  "42501": "permission denied (the user may not create databases)",
};

export function describeDbError(err: unknown, url: string): StartupError {
  const e = err as { code?: string; message?: string };
  let where = "the database";
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || 5432}`;
  } catch { /* keep the generic name */ }
  const reason = (e.code && REASONS[e.code]) ?? e.message?.split("\n")[0] ?? String(err);
  return new StartupError(
    `cannot use PostgreSQL at ${where} (${reason}): check that the server is running and that DATABASE_URL (user, password, host, port) is right`,
  );
}

export interface OpenedDatabase {
  url: string;
  embedded: EmbeddedPostgres | null;
  applied: string[];
}

/** Opens (or starts), creates and migrates the database. */
export async function openDatabase(databaseUrl: string | null, dataDir: string): Promise<OpenedDatabase> {
  let embedded: EmbeddedPostgres | null = null;
  let url = databaseUrl;
  if (!url) {
    try {
      embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, "pglite") });
    } catch (err) {
      throw new StartupError(`cannot start the embedded database in ${join(dataDir, "pglite")}: ${(err as Error).message}`);
    }
    url = embedded.url;
  }
  try {
    await withTimeout(ensureDatabase(url), 15_000);
  } catch (err) {
    await embedded?.stop();
    throw describeDbError(err, url);
  }
  try {
    const applied = await migrateDatabase(url);
    return { url, embedded, applied };
  } catch (err) {
    await embedded?.stop();
    throw new StartupError(`migrating the database failed: ${(err as Error).message.split("\n")[0]}`);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })), ms);
    p.then((v) => (clearTimeout(t), resolve(v)), (e: unknown) => (clearTimeout(t), reject(e)));
  });
}

/** Redis is optional; when it is named it must answer. */
export async function checkRedis(redisUrl: string): Promise<void> {
  const u = new URL(redisUrl);
  const port = Number(u.port || 6379);
  const ok = await new Promise<boolean>((resolve) => {
    const s = net.connect({ host: u.hostname, port });
    const done = (v: boolean) => (s.destroy(), resolve(v));
    s.setTimeout(3_000, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
  if (!ok) {
    throw new StartupError(
      `cannot reach Redis at ${u.hostname}:${port}: check that it is running and REDIS_URL is right (or unset REDIS_URL to keep hot state in-process)`,
    );
  }
}

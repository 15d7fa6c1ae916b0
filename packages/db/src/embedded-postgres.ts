/**
 * An embedded PostgreSQL for `npm start` on machines without a database server: PGlite (Postgres
 * compiled to WebAssembly, data in a local folder) served over the PostgreSQL wire protocol on a
 * loopback port, so Prisma's pg adapter and the WASM schema engine connect to it as to a real
 * server.
 *
 * PGlite is ONE backend session. pglite-socket queues every protocol message from every client
 * connection onto it and keeps a client's explicit transaction exclusive, but the extended-query
 * messages of two clients can still interleave. Clients should therefore use a single pooled
 * connection per process (DATABASE_POOL_MAX=1); extra connections are accepted (up to
 * maxConnections) so that a second process (migrations, a psql) is not refused.
 */
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "@baas/protocol";

export interface EmbeddedPostgresOptions {
  /** Folder that holds the database files (created when missing). */
  dataDir: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  host?: string;
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  /** postgresql://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dataDir: string;
  /** Closes client connections, the server and the database (flushing it to disk). */
  stop(): Promise<void>;
}

/** The pool size a client of the embedded server should use (see the module comment). */
export const EMBEDDED_POOL_MAX = 1;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Two processes writing one PGlite folder would corrupt it: hold a pid lock beside it. */
function takeLock(dataDir: string): string {
  const lock = `${dataDir}.lock`;
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, "utf8").trim());
    if (pid && pid !== process.pid && processAlive(pid)) {
      throw new AppError("CONFLICT", `the embedded database ${dataDir} is in use by process ${pid} (another npm start?)`);
    }
  }
  writeFileSync(lock, String(process.pid));
  return lock;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const host = opts.host ?? "127.0.0.1";
  mkdirSync(join(opts.dataDir, ".."), { recursive: true });
  const lock = takeLock(opts.dataDir);
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(opts.dataDir);
    const server = new PGLiteSocketServer({ db, host, port: opts.port ?? 0, maxConnections: opts.maxConnections ?? 16 });
    await server.start();
    const port = Number(server.getServerConn().split(":").pop());
    let stopped = false;
    const pg = db;
    return {
      url: `postgresql://postgres@${host}:${port}/postgres`,
      port,
      dataDir: opts.dataDir,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await pg.close();
        rmSync(lock, { force: true });
      },
    };
  } catch (err) {
    await db?.close().catch(() => undefined);
    rmSync(lock, { force: true });
    throw err;
  }
}

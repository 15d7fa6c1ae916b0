import pg from "pg";
import { AppError } from "@baas/protocol";
import { noFilters, readMigrationList, withSchemaEngine } from "./schema-engine";

/** Creates the database named in the URL when it does not exist yet (like `prisma migrate deploy`). */
export async function ensureDatabase(connectionString: string): Promise<boolean> {
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new AppError("BAD_REQUEST", `DATABASE_URL names an unusable database "${name}"`);
  }
  const admin = new URL(connectionString);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount) return false;
    await client.query(`create database "${name}"`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * Applies every pending migration of prisma/migrations and records it in `_prisma_migrations`
 * exactly as `prisma migrate deploy` does. Running it again applies nothing.
 */
export async function migrateDatabase(connectionString: string): Promise<string[]> {
  const { appliedMigrationNames } = await withSchemaEngine(connectionString, (engine) =>
    engine.applyMigrations({ migrationsList: readMigrationList(), filters: noFilters }),
  );
  return appliedMigrationNames;
}

export { diffDatabaseToSchema } from "./schema-engine";

/** Drops the database named in the URL (scratch databases of tests); other sessions are ended. */
export async function dropDatabase(connectionString: string): Promise<void> {
  const name = decodeURIComponent(new URL(connectionString).pathname.slice(1));
  if (!/^[A-Za-z0-9_-]+$/.test(name) || name === "postgres") {
    throw new AppError("BAD_REQUEST", `refusing to drop database "${name}"`);
  }
  const admin = new URL(connectionString);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

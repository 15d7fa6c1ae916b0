import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { SchemaEngine, type MigrationList, type SchemaFilter } from "@prisma/schema-engine-wasm";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { splitPoolLimit } from "./pool-limit";
import { migrationsDir, schemaPath } from "./paths";

/**
 * Prisma's own schema engine, compiled to WebAssembly. The native engine that `prisma migrate`
 * downloads cannot be fetched on these machines; this one ships in an npm package and does the
 * same work (diff, apply, record in `_prisma_migrations`) through the pg driver adapter.
 */
export const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

export async function withSchemaEngine<T>(
  connectionString: string,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const factory = new PrismaPg({ connectionString: splitPoolLimit(connectionString).connectionString, max: 2 });
  // The engine never closes the connections it opens; left open they keep Prisma's migration
  // advisory lock, and the next run waits 10 s for it. Track them so we can dispose them.
  const opened: Array<{ dispose(): Promise<void> }> = [];
  for (const method of ["connect", "connectToShadowDb"] as const) {
    const original = factory[method].bind(factory);
    factory[method] = async () => {
      const adapter = await original();
      readCharAsText(adapter);
      opened.push(adapter);
      return adapter;
    };
  }
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const logs: string[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: [["schema.prisma", readFileSync(schemaPath, "utf8")]] },
    (line: string) => logs.push(line),
    adapter,
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await Promise.allSettled(opened.map((a) => a.dispose()));
  }
}

/**
 * PostgreSQL's internal one-byte `"char"` type (pg_class.relkind, pg_constraint.contype…) is not
 * mapped by the pg driver adapter, so describing a live database (diff from the datasource)
 * fails with "Column type 'char' could not be deserialized". Its values already arrive as
 * strings; declaring the column as text lets the engine read the catalog.
 */
function readCharAsText(adapter: object): void {
  const target = adapter as { performIO?: (q: unknown) => Promise<{ fields: Array<{ dataTypeID: number }> }> };
  const performIO = target.performIO?.bind(adapter);
  if (!performIO) return;
  target.performIO = async (query: unknown) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    return result;
  };
}
const CHAR_OID = 18;
const TEXT_OID = 25;

export function readMigrationList(dir = migrationsDir): MigrationList {
  const lockPath = join(dir, "migration_lock.toml");
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(join(dir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

export function currentDatamodel() {
  return { tag: "schemaDatamodel" as const, files: [{ path: "schema.prisma", content: readFileSync(schemaPath, "utf8") }] };
}

/** The live database (through the datasource connection) as a diff source. */
export function liveDatabase() {
  return {
    tag: "schemaDatasource" as const,
    files: [{ path: "schema.prisma", content: readFileSync(schemaPath, "utf8") }],
    configDir: ".",
  };
}

/**
 * The SQL that would bring the live database to schema.prisma; empty when they match (what
 * `prisma migrate diff --from-config-datasource --to-schema` prints).
 */
export async function diffDatabaseToSchema(connectionString: string): Promise<string> {
  const { stdout } = await withSchemaEngine(connectionString, (engine) =>
    engine.diff({ from: liveDatabase(), to: currentDatamodel(), script: true, exitCode: null, filters: noFilters }),
  );
  const sql = (stdout ?? "").trim();
  return /^-- This is an empty migration\.?$/.test(sql) ? "" : sql;
}

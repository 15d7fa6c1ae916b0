/**
 * The migrated database is exactly what prisma/schema.prisma describes, migrations apply once and
 * are recorded like `prisma migrate deploy`, and the pinned WASM schema engine still works.
 */
import { readdirSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffDatabaseToSchema, migrateDatabase } from "./migrate";
import { migrationsDir } from "./paths";
import { currentDatamodel, noFilters, withSchemaEngine } from "./schema-engine";
import { createScratchDb } from "../test/scratch-db";
import { readExpectedSchema } from "../test/schema-text";

const migrationNames = readdirSync(migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
let scratch: { url: string; drop: () => Promise<void> };
let client: pg.Client;
let firstRun: string[];

beforeAll(async () => {
  scratch = await createScratchDb();
  firstRun = await migrateDatabase(scratch.url);
  client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await scratch?.drop();
});

describe("migrations", () => {
  it("apply every migration folder on a fresh database, then nothing on a second run", async () => {
    expect(firstRun).toEqual(migrationNames);
    expect(await migrateDatabase(scratch.url)).toEqual([]);
    const { rows } = await client.query(
      `select migration_name, finished_at, rolled_back_at, applied_steps_count from _prisma_migrations order by migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const r of rows) {
      expect(r.finished_at).not.toBeNull();
      expect(r.rolled_back_at).toBeNull();
    }
  });

  it("leave the database identical to schema.prisma (engine diff is empty)", async () => {
    expect(await diffDatabaseToSchema(scratch.url)).toBe("");
  });
});

describe("the migrated database holds every part of schema.prisma", () => {
  const expected = readExpectedSchema();

  it("every model as a table with every scalar field as a column of the right nullability", async () => {
    const { rows } = await client.query<{ table_name: string; column_name: string; is_nullable: string; data_type: string }>(
      `select table_name, column_name, is_nullable, data_type from information_schema.columns where table_schema = 'public'`,
    );
    const columns = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    expect(expected.models.length).toBeGreaterThan(20);
    for (const model of expected.models) {
      for (const col of model.columns) {
        const found = columns.get(`${model.name}.${col.name}`);
        expect(found, `${model.name}.${col.name}`).toBeDefined();
        // Prisma creates scalar lists without NOT NULL (an empty list is its default instead).
        expect(found?.is_nullable, `${model.name}.${col.name} nullability`).toBe(col.nullable || col.array ? "YES" : "NO");
        if (col.array) expect(found?.data_type, `${model.name}.${col.name} is an array`).toBe("ARRAY");
      }
    }
  });

  it("every enum with exactly its values", async () => {
    const { rows } = await client.query<{ typname: string; labels: string[] }>(
      `select t.typname, array_agg(e.enumlabel order by e.enumsortorder)::text[] as labels
       from pg_type t join pg_enum e on e.enumtypid = t.oid group by t.typname`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    expect(Object.keys(expected.enums).length).toBeGreaterThan(10);
    expect(actual).toEqual(expected.enums);
  });

  it("every primary key, unique constraint and index under Prisma's name", async () => {
    const { rows } = await client.query<{ indexname: string }>(`select indexname from pg_indexes where schemaname = 'public'`);
    const names = new Set(rows.map((r) => r.indexname));
    const wanted = expected.models.flatMap((m) => m.indexes);
    expect(wanted).toContain("UsageEvent_tenantId_occurredAt_idx");
    expect(wanted).toContain("UsageEvent_tenantId_channelId_occurredAt_idx");
    for (const index of wanted) expect(names.has(index), index).toBe(true);
  });
});

describe("the pinned WASM schema engine", () => {
  it("loads and turns schema.prisma into the SQL of a first migration", async () => {
    const { stdout } = await withSchemaEngine(scratch.url, (engine) =>
      engine.diff({ from: { tag: "empty" }, to: currentDatamodel(), script: true, exitCode: null, filters: noFilters }),
    );
    expect(stdout).toContain('CREATE TABLE "Tenant"');
    expect(stdout).toContain('CREATE UNIQUE INDEX "UsageEvent_tenantId_idempotencyKey_key"');
  });

  it("notices drift: a column missing from the database makes the diff non-empty", async () => {
    await client.query(`alter table "Tenant" drop column "timezone"`);
    const diff = await diffDatabaseToSchema(scratch.url);
    expect(diff).toContain('"timezone"');
  });
});

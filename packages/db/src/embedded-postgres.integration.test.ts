/**
 * The embedded PostgreSQL of `npm start`: Prisma's client and migrations talk to it over the
 * wire protocol like to a real server, its data survives a restart, and a second process cannot
 * open the same folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./client";
import { startEmbeddedPostgres, EMBEDDED_POOL_MAX } from "./embedded-postgres";
import { ensureDatabase, migrateDatabase } from "./migrate";

const dir = mkdtempSync(join(tmpdir(), "baas-pglite-"));
const dataDir = join(dir, "pglite");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("embedded PostgreSQL (PGlite over the wire protocol)", () => {
  it("is migrated by the WASM engine, serves Prisma queries and keeps its data across restarts", async () => {
    const pg = await startEmbeddedPostgres({ dataDir });
    try {
      expect(pg.url).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      // What npm start hands the web app: the pool size rides in the URL.
      const url = `${pg.url}?connection_limit=${EMBEDDED_POOL_MAX}`;
      await ensureDatabase(url);
      expect((await migrateDatabase(url)).length).toBeGreaterThan(0);
      expect(await migrateDatabase(url)).toEqual([]);
      const db = createDb({ connectionString: url });
      await db.tenant.create({ data: { slug: "pglite-check", name: "PGlite check", agents: { create: { externalId: "lobo", name: "Lobo" } } } });
      const found = await db.tenant.findUnique({ where: { slug: "pglite-check" }, include: { agents: true } });
      expect(found?.agents.map((a) => a.externalId)).toEqual(["lobo"]);
      await db.$disconnect();
    } finally {
      await pg.stop();
    }
    const again = await startEmbeddedPostgres({ dataDir });
    try {
      const db = createDb({ connectionString: again.url, max: EMBEDDED_POOL_MAX });
      expect(await db.tenant.count({ where: { slug: "pglite-check" } })).toBe(1);
      expect(await migrateDatabase(again.url)).toEqual([]);
      await db.$disconnect();
    } finally {
      await again.stop();
    }
  }, 120_000);

  it("refuses a folder another live process holds", async () => {
    const other = join(dir, "held");
    writeFileSync(`${other}.lock`, String(process.ppid));
    await expect(startEmbeddedPostgres({ dataDir: other })).rejects.toThrow(/in use by process/);
  });
});

describe("pool size in the URL", () => {
  it("takes Prisma's connection_limit off the connection string as the pool size", async () => {
    const { splitPoolLimit } = await import("./client");
    expect(splitPoolLimit("postgresql://postgres@127.0.0.1:5432/x?connection_limit=1")).toEqual({
      connectionString: "postgresql://postgres@127.0.0.1:5432/x", max: 1,
    });
    expect(splitPoolLimit("postgresql://postgres@127.0.0.1:5432/x")).toEqual({ connectionString: "postgresql://postgres@127.0.0.1:5432/x" });
  });
});

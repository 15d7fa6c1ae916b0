/** A database of this test file's own on the local server, dropped afterwards. */
import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase } from "../src/migrate";

export function scratchUrl(): string {
  const base = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/baas_test");
  base.pathname = `/baas_dbtest_${randomBytes(5).toString("hex")}`;
  return base.toString();
}

export async function createScratchDb(): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = scratchUrl();
  await ensureDatabase(url);
  return { url, drop: () => dropDatabase(url) };
}

/**
 * Message catalogs live one namespace per file (messages/<locale>/<namespace>.json) so two people
 * adding pages never edit the same file; they are merged into one object per locale here.
 * Plain Node (no server-only): next.config.ts, the tests and the e-mail builders all read it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { locales, type Locale } from "./locales";

export type Catalog = Record<string, unknown>;

export function readCatalog(messagesDir: string, locale: Locale): Catalog {
  const dir = join(messagesDir, locale);
  const out: Catalog = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const ns = file.slice(0, -".json".length);
    try {
      out[ns] = JSON.parse(readFileSync(join(dir, file), "utf8")) as unknown;
    } catch (e) {
      throw new Error(`messages/${locale}/${file} is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
  }
  return out;
}

/**
 * Writes src/i18n/generated/<locale>.json (ignored by git) for the bundler to import; called from
 * next.config.ts so every build and dev start sees the current files. Rewrites only what changed.
 */
export function writeMergedCatalogs(webRoot: string): void {
  const outDir = join(webRoot, "src", "i18n", "generated");
  mkdirSync(outDir, { recursive: true });
  for (const locale of locales) {
    const text = JSON.stringify(readCatalog(join(webRoot, "messages"), locale));
    const file = join(outDir, `${locale}.json`);
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) writeFileSync(file, text);
  }
}

/** Every leaf key path ("billing.plan.title") of a catalog, for the missing-key test. */
export function leafKeys(obj: unknown, prefix = ""): string[] {
  if (obj === null || typeof obj !== "object") return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

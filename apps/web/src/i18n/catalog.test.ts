/**
 * A missing translation fails here, before anyone sees a key path on screen:
 * (a) both languages have exactly the same keys (and the same {placeholders});
 * (b) every key the source asks for with a literal t("…") exists, in the namespace its
 *     useTranslations/getTranslations call names;
 * (c) at run time a missing message throws outside production.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { leafKeys, readCatalog } from "./catalog";
import { intlErrorHandler } from "./errors";

const webRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const messagesDir = join(webRoot, "messages");
const en = readCatalog(messagesDir, "en");
const pt = readCatalog(messagesDir, "pt-BR");

function valueAt(catalog: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), catalog);
}

const placeholders = (s: unknown) => [...String(s).matchAll(/\{\s*(\w+)/g)].map((m) => m[1]).filter((v, i, a) => a.indexOf(v) === i).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "generated" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

/**
 * Literal keys per translator variable: `const t = useTranslations("ns")` … `t("key")`. A call
 * belongs to the nearest binding of its name above it (files declare `t` once per component).
 */
export function usedKeys(source: string): { keys: string[]; prefixes: string[] } {
  const keys: string[] = [];
  const prefixes: string[] = [];
  const binding = /const\s+(\w+)\s*=\s*(?:await\s+)?(?:useTranslations|getTranslations)\(\s*(?:"([^"]*)"|\{[^}]*namespace:\s*"([^"]*)"[^}]*\})?\s*\)/g;
  const bindings = [...source.matchAll(binding)].map((m) => ({ name: m[1]!, ns: m[2] ?? m[3] ?? "", at: m.index }));
  // `const { t } = await emailTranslator("emails", locale)` binds t to that namespace too.
  for (const m of source.matchAll(/const\s+\{\s*(?:locale,\s*)?t\s*\}\s*=\s*await\s+emailTranslator\(\s*"([^"]*)"/g)) bindings.push({ name: "t", ns: m[1]!, at: m.index });
  bindings.sort((x, y) => x.at - y.at);
  for (const name of new Set(bindings.map((b) => b.name))) {
    const call = new RegExp(`(?<![\\w.])${name}(?:\\.rich|\\.markup)?\\(\\s*(?:"([^"]+)"|\`([^\`$]*)\\$\\{)`, "g");
    for (const c of source.matchAll(call)) {
      const ns = bindings.filter((b) => b.name === name && b.at < c.index).at(-1)?.ns;
      if (ns === undefined) continue;
      if (c[1] !== undefined) keys.push(ns ? `${ns}.${c[1]}` : c[1]);
      else if (c[2]) prefixes.push((ns ? `${ns}.${c[2]}` : c[2]).replace(/\.$/, ""));
    }
  }
  return { keys, prefixes };
}

describe("message catalogs", () => {
  it("(a) pt-BR and en have exactly the same keys and placeholders", () => {
    const enKeys = leafKeys(en).sort();
    const ptKeys = leafKeys(pt).sort();
    expect(ptKeys.filter((k) => !enKeys.includes(k)), "in pt-BR only").toEqual([]);
    expect(enKeys.filter((k) => !ptKeys.includes(k)), "in en only").toEqual([]);
    const mismatched = enKeys.filter((k) => placeholders(valueAt(en, k)).join() !== placeholders(valueAt(pt, k)).join());
    expect(mismatched, "placeholders differ").toEqual([]);
    // next-intl reads a dot as nesting: a key with a dot in it can never be found.
    const dotted = (o: unknown, at = ""): string[] =>
      o && typeof o === "object" ? Object.entries(o).flatMap(([k, v]) => [...(/^[\w-]+$/.test(k) ? [] : [`${at}${k}`]), ...dotted(v, `${at}${k}.`)]) : [];
    expect([...dotted(en), ...dotted(pt)], "keys must be plain words").toEqual([]);
    const empty = enKeys.filter((k) => !String(valueAt(en, k)).trim() || !String(valueAt(pt, k)).trim());
    expect(empty, "empty messages").toEqual([]);
  });

  it("(b) every key the source uses exists", () => {
    const files = sourceFiles(join(webRoot, "src"));
    const missing: string[] = [];
    let count = 0;
    for (const f of files) {
      const { keys, prefixes } = usedKeys(readFileSync(f, "utf8"));
      count += keys.length;
      for (const k of keys) if (typeof valueAt(en, k) !== "string") missing.push(`${relative(webRoot, f)}: ${k}`);
      for (const p of prefixes) if (typeof valueAt(en, p) !== "object") missing.push(`${relative(webRoot, f)}: ${p}.*`);
    }
    expect(missing).toEqual([]);
    // The scan itself must keep finding calls: a regex that silently matches nothing would pass.
    expect(count).toBeGreaterThan(20);
  });

  it("(b) the scanner sees namespaced, rich and template keys", () => {
    const src = 'const t = useTranslations("billing"); t("title"); t.rich("note", {}); const x = await getTranslations({ locale, namespace: "mail" }); x(`roles.${r}`)';
    expect(usedKeys(src)).toEqual({ keys: ["billing.title", "billing.note"], prefixes: ["mail.roles"] });
    const twoComponents = 'function A() { const t = useTranslations("a"); t("x"); } function B() { const t = useTranslations("b"); return t("y"); }';
    expect(usedKeys(twoComponents).keys).toEqual(["a.x", "b.y"]);
    expect(usedKeys('const { locale, t } = await emailTranslator("emails.budget", l); t("spent");').keys).toEqual(["emails.budget.spent"]);
  });

  it("every message of both languages formats (ICU syntax, plurals, tags) with its placeholders", () => {
    for (const [locale, messages] of [["en", en], ["pt-BR", pt]] as const) {
      const t = createTranslator({ locale, messages, onError: intlErrorHandler(true) });
      for (const key of leafKeys(messages)) {
        const src = String(valueAt(messages, key));
        const values: Record<string, string | number | ((c: string) => string)> = {};
        for (const p of placeholders(src)) values[p!] = 1;
        for (const m of src.matchAll(/<(\w+)>/g)) values[m[1]!] = (c: string) => c;
        expect(() => t.markup(key as never, values as never), `${locale} ${key}`).not.toThrow();
      }
    }
  });

  it("(c) a missing message throws in tests (and logs instead in production)", () => {
    const strict = createTranslator({ locale: "en", messages: en, onError: intlErrorHandler(true) });
    expect(() => strict("common.nav.noSuchKey" as never)).toThrow(/MISSING_MESSAGE/);
    expect(strict("common.nav.usage" as never)).toBe("Usage");
    const lenient = createTranslator({ locale: "pt-BR", messages: pt, onError: intlErrorHandler(false), getMessageFallback: ({ namespace, key }) => `${namespace}.${key}` });
    const logged: unknown[] = [];
    const orig = console.error;
    console.error = (...a: unknown[]) => void logged.push(a);
    try {
      expect(lenient("common.nav.noSuchKey" as never)).toContain("noSuchKey");
    } finally {
      console.error = orig;
    }
    expect(logged).toHaveLength(1);
  });
});

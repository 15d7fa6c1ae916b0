/**
 * What the walk asserts on each page, as a person would see it: no sideways scroll, no English left
 * in Portuguese, no raw ids, no internal error text.
 */
import type { Page } from "playwright-core";
import { leafKeys, type Catalog } from "../../src/i18n/catalog";

/** Words a Portuguese page must not show (whole words, case-sensitive where they are UI words). */
const ENGLISH_ONLY = /\b(the|and|of|with|your|Save|Cancel|Delete|Remove|Edit|Loading|Sign (in|out)|Budgets?|Usage|Members|Billing|Invoices|Alerts|Overview|Settings|Groups|Tiers|Accounts|Calls|Messages|Cost|Daily|Weekly|Monthly|Acknowledge|Invite|Pending|Nothing|None|Export|Range|Custom|Today|Plans?|Upgrade|Status|Priority)\b/;

const RAW_ID = /\bc[a-z0-9]{24}\b|@g\.us\b|@s\.whatsapp\.net\b/;
const INTERNAL = /Internal error|Invalid `prisma|PrismaClient|ZodError|TRPCClientError|TypeError|ReferenceError|at [\w.<>]+ \(.*:\d+:\d+\)|Application error|MISSING_MESSAGE|\b(common|usage|billing|budgets|alerts|members|audit|operator|auth)\.[a-z]+[A-Za-z.]*\b/;

/**
 * English phrases from the catalog whose Portuguese differs: a fragment of 12 characters or more
 * between placeholders, found on a Portuguese page, is a string that was not translated.
 */
export function englishFragments(en: Catalog, pt: Catalog): string[] {
  const at = (c: Catalog, k: string) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], c);
  const out = new Set<string>();
  for (const k of leafKeys(en)) {
    const e = String(at(en, k));
    if (e === String(at(pt, k))) continue;
    const p = String(at(pt, k));
    // Technical words both languages share (header names, product names) are not untranslated text.
    for (const f of e.split(/\{[^}]*\}|<[^>]*>|[{}]/)) if (f.trim().length >= 12 && !p.includes(f.trim())) out.add(f.trim());
  }
  return [...out];
}

export interface PageReport {
  sideways: number;
  english: string[];
  rawIds: string[];
  internal: string[];
}

export async function checkPage(page: Page, locale: "pt-BR" | "en", fragments: string[]): Promise<PageReport> {
  const { text, sideways } = await page.evaluate(() => ({ text: document.body.innerText, sideways: document.documentElement.scrollWidth - window.innerWidth }));
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const english = locale === "pt-BR" ? [...lines.filter((l) => ENGLISH_ONLY.test(l)), ...fragments.filter((f) => text.includes(f))] : [];
  return { sideways, english, rawIds: lines.filter((l) => RAW_ID.test(l)), internal: lines.filter((l) => INTERNAL.test(l)) };
}

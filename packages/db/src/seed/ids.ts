/**
 * Deterministic identifiers and randomness for the seed: the same input always yields the same
 * rows, so re-running the seed finds what it wrote the first time instead of adding more.
 */
import { createHash } from "node:crypto";

/** A stable, cuid-shaped id ("c" + 24 base-36 chars) derived from its parts. */
export function seedId(...parts: string[]): string {
  const digest = createHash("sha256").update(parts.join("\u0000")).digest();
  let out = "c";
  for (let i = 0; out.length < 25; i++) out += ((digest[i] ?? 0) % 36).toString(36);
  return out;
}

/** mulberry32: a tiny seeded PRNG; good enough for plausible demo traffic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [value, w] of weighted) {
    r -= w;
    if (r < 0) return value;
  }
  const last = weighted.at(-1);
  if (!last) throw new Error("pick() needs at least one option");
  return last[0];
}

export function between(rand: () => number, min: number, max: number): number {
  return Math.round(min + rand() * (max - min));
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

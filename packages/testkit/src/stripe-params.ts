import { isRecord } from "./reply-text";

/** Stripe form params arrive as strings; these coerce them the way the API does. */
export type Params = Record<string, unknown>;

export const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

export function num(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v !== "string" || v.trim() === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function bool(v: unknown): boolean | undefined {
  if (v === true || v === "true") return true;
  if (v === false || v === "false") return false;
  return undefined;
}

/** `metadata[key]=value` → { key: value }; `metadata=` (empty) clears, like Stripe. */
export function metadata(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === "string") out[k] = val;
  return out;
}

/** qs turns `a[0]=x` into an array, but large or sparse indices into an object; accept both. */
export function list(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isRecord(v)) return Object.values(v);
  if (v === undefined) return [];
  return [v];
}

export const record = (v: unknown): Params => (isRecord(v) ? v : {});

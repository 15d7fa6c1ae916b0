import { rangeSchema, type RangeInput } from "@baas/api/schemas";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The range a usage URL asks for (30 days when it names none), or the input problem to show. */
export async function rangeFromSearch(searchParams: SearchParams): Promise<{ range: RangeInput; error: null } | { range: RangeInput; error: string }> {
  const p = await searchParams;
  const raw = { range: one(p.range) ?? "30d", ...(one(p.from) ? { from: one(p.from) } : {}), ...(one(p.to) ? { to: one(p.to) } : {}) };
  const parsed = rangeSchema.safeParse(raw);
  if (parsed.success) return { range: parsed.data, error: null };
  return { range: { range: "30d" }, error: parsed.error.issues.map((i) => `${i.path.join(".") || "range"}: ${i.message}`).join("; ") };
}

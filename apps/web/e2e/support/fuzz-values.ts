/**
 * What the fuzz suite sends. Every value here is wrong for every field of every procedure (none
 * could pass as a real id, name, amount or date), so any answer but a 4xx, and any row changed,
 * is a bug.
 */
/** JSON text sent as it is: too deep for superjson to serialize on our side (the point). */
export class RawJson {
  constructor(readonly text: string) {}
}

const nested = (depth: number) => new RawJson(`${'{"a":'.repeat(depth)}"leaf"${"}".repeat(depth)}`);

/** Values for one field, sent through superjson as the app's own client would (RawJson as is). */
export function fuzzValues(): [string, unknown][] {
  return [
    ["nul", "lobo\u0000"],
    ["nul-only", "\u0000"],
    ["huge-string", "x".repeat(300_000)],
    ["control-chars", "\u0001\u0002\u001b[31m\r\nX-Injected: 1"],
    ["lone-surrogate", "\ud800abc"],
    ["negative-huge", -1e20],
    ["positive-huge", 1e300],
    ["nan", Number.NaN],
    ["infinity", Number.POSITIVE_INFINITY],
    ["int64-overflow", 2 ** 64],
    ["bigint", 2n ** 70n],
    ["date-invalid", new Date(Number.NaN)],
    ["date-1970", new Date(0)],
    ["date-9999", new Date("9999-12-31T00:00:00Z")],
    ["deep-object", nested(2_000)],
    ["wide-array", Array.from({ length: 20_000 }, () => "\u0000")],
    ["proto", new RawJson('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')],
    ["map", new Map([["a", 1]])],
    ["set", new Set([1, 2])],
  ];
}

/** Whole request bodies that are broken before any field is read. */
export function hostileBodies(): [string, string][] {
  const deepArray = "[".repeat(50_000) + "]".repeat(50_000);
  return [
    ["not-json", "{{{"],
    ["empty", ""],
    ["null", "null"],
    ["number", "42"],
    ["deep-json", `{"json":${deepArray}}`],
    ["huge-body", JSON.stringify({ json: { tenantId: "x".repeat(2_000_000) } })],
    ["bad-superjson-meta", JSON.stringify({ json: { a: 1 }, meta: { values: { a: ["class", "Foo"], "__proto__.x": ["Date"] } } })],
    ["nested-objects", `{"json":{"tenantId":${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}}}`],
  ];
}

interface ZodLike {
  shape?: Record<string, unknown>;
}

/**
 * The field names of a procedure's input objects; tenantId always (it gates most procedures).
 * Only real fields: an unknown key is stripped, leaving an input that may well be valid.
 */
export function inputKeys(inputs: unknown[]): string[] {
  const keys = new Set<string>(["tenantId"]);
  for (const input of inputs) {
    const shape = (input as ZodLike).shape;
    if (shape && typeof shape === "object") for (const k of Object.keys(shape)) keys.add(k);
  }
  return [...keys];
}

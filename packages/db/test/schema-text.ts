/**
 * Reads prisma/schema.prisma into what the database must hold: tables and their columns
 * (nullability, arrays), enums and their values, and the names Prisma gives to primary keys,
 * unique constraints and indexes. Plain text parsing, so the check does not trust the engine
 * whose output it verifies.
 */
import { readFileSync } from "node:fs";
import { schemaPath } from "../src/paths";

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);

export interface ExpectedColumn { name: string; nullable: boolean; array: boolean; type: string }
export interface ExpectedModel { name: string; columns: ExpectedColumn[]; indexes: string[] }
export interface ExpectedSchema { models: ExpectedModel[]; enums: Record<string, string[]> }

const blocks = (text: string, kind: string) =>
  [...text.matchAll(new RegExp(`^${kind}\\s+(\\w+)\\s*\\{([\\s\\S]*?)^\\}`, "gm"))].map((m) => ({
    name: m[1] ?? "",
    lines: (m[2] ?? "").split("\n").map((l) => l.replace(/\/\/.*$/, "").trim()).filter(Boolean),
  }));

const fieldList = (s: string) => s.split(",").map((f) => f.trim().replace(/\(.*\)$/, "")).filter(Boolean);

function parseModel(name: string, lines: string[], enums: Set<string>): ExpectedModel {
  const columns: ExpectedColumn[] = [];
  const indexes: string[] = [];
  for (const line of lines) {
    const block = /^@@(id|unique|index)\(\[([^\]]*)\]/.exec(line);
    if (block) {
      const fields = fieldList(block[2] ?? "");
      indexes.push(block[1] === "id" ? `${name}_pkey` : `${name}_${fields.join("_")}_${block[1] === "unique" ? "key" : "idx"}`);
      continue;
    }
    const field = /^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
    if (!field || line.startsWith("@@")) continue;
    const [, fname = "", type = "", array, optional, attrs = ""] = field;
    if (!SCALARS.has(type) && !enums.has(type)) continue; // relation field: no column
    columns.push({ name: fname, type, nullable: Boolean(optional), array: Boolean(array) });
    if (/@id\b/.test(attrs)) indexes.push(`${name}_pkey`);
    if (/@unique\b/.test(attrs)) indexes.push(`${name}_${fname}_key`);
  }
  return { name, columns, indexes };
}

export function readExpectedSchema(): ExpectedSchema {
  const text = readFileSync(schemaPath, "utf8");
  const enumBlocks = blocks(text, "enum");
  const enums = Object.fromEntries(enumBlocks.map((b) => [b.name, b.lines.map((l) => l.split(/\s+/)[0] ?? "")]));
  const enumNames = new Set(Object.keys(enums));
  return { models: blocks(text, "model").map((b) => parseModel(b.name, b.lines, enumNames)), enums };
}

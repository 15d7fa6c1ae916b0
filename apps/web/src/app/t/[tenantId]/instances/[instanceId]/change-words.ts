"use client";
import type { RouterOutputs } from "@baas/api";
import { useTranslations } from "next-intl";

type Item = NonNullable<RouterOutputs["configRevision"]["list"][number]["changes"]>[number];
type Target = Extract<Item, { target: unknown }>["target"];

/** A published change's items as sentences in the reader's language (names only, never ids). */
export function useChangeWords() {
  const tc = useTranslations("bots.changes");
  const where = (target: Target): string => {
    if ("name" in target) return tc(`target.${target.kind}`, { name: target.name });
    if ("provider" in target) return tc(`target.${target.kind}`, { provider: target.provider === "whatsapp" ? "" : `(${target.provider})` });
    return tc(`target.${target.kind}`);
  };
  return (items: Item[]): string =>
    items
      .map((c) => {
        const { key, ...rest } = c;
        const params: Record<string, string> = {};
        for (const [k, v] of Object.entries(rest)) params[k] = k === "target" ? where(v as Target) : k === "policy" ? tc(`policy.${c.key}.${String(v)}`) : String(v);
        return tc(`line.${key}`, params).replace(/\s+/g, " ").trim();
      })
      .join("; ");
}

"use client";
import { useTranslations } from "next-intl";
import { sessionParts } from "../format";

/** "lobo · group" for a session key; the raw key (with its WhatsApp id) stays in the hover and the export. */
export function useSessionLabel() {
  const t = useTranslations("usage.sessions");
  return (key: string): string => {
    if (!key) return t("noSession");
    const p = sessionParts(key);
    if (!p) return key.length > 24 ? `${key.slice(0, 12)}…` : key;
    return t("label", { agent: p.agent, where: p.kind === "group" ? t("group") : t("dm") });
  };
}

"use client";
import { useTranslations } from "next-intl";

interface TrpcLikeError {
  message: string;
  data?: { code?: string; errorRef?: string | null; fieldErrors?: unknown } | null;
}

/**
 * What a person reads when a call fails: a server-side failure becomes a translated sentence with
 * its reference (never a stack, Prisma or zod text); expected refusals keep the server's sentence,
 * which names the field or the rule; network failures and the common codes get their own.
 */
export function useErrorText() {
  const t = useTranslations("common.errors");
  return (err: TrpcLikeError | null | undefined): string | null => {
    if (!err) return null;
    const code = err.data?.code;
    if (code === "INTERNAL_SERVER_ERROR") return t("internal", { ref: err.data?.errorRef ?? "—" });
    if (code === "UNAUTHORIZED") return t("signedOut");
    if (code === "FORBIDDEN") return t("forbidden");
    if (code === "TOO_MANY_REQUESTS") return t("tooMany");
    if (!err.data) return t("network");
    return err.message;
  };
}

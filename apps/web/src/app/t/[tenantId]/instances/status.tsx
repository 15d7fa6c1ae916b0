"use client";
import { useTranslations } from "next-intl";
import { DateTime } from "~/components/i18n/formatted";
import { Badge } from "~/components/ui/misc";

export interface BotStatus {
  state: "online" | "offline" | "never" | "revoked";
  config: "up-to-date" | "behind" | null;
}

const tone = { online: "green", offline: "gray", never: "amber", revoked: "red" } as const;

/** One status (online / offline / never connected / revoked) and, only when online, whether its config is current. */
export function BotStatusBadges({ status, lastSeenAt }: { status: BotStatus; lastSeenAt: Date | null }) {
  const t = useTranslations("bots.status");
  return (
    <span className="inline-flex flex-wrap items-center gap-1" data-testid="bot-status">
      <Badge tone={tone[status.state]}>{t(status.state)}</Badge>
      {status.state === "offline" && lastSeenAt ? <span className="text-xs text-slate-500">{t("lastSeen")} <DateTime value={lastSeenAt} /></span> : null}
      {status.config ? <Badge tone={status.config === "behind" ? "blue" : "green"}>{t(status.config === "behind" ? "behind" : "upToDate")}</Badge> : null}
    </span>
  );
}

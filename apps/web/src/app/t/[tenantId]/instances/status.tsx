import { Badge } from "~/components/ui/misc";

const ONLINE_MS = 3 * 60_000;

export function OnlineBadge({ lastSeenAt, revokedAt }: { lastSeenAt: Date | null; revokedAt?: Date | null }) {
  if (revokedAt) return <Badge tone="red">revoked</Badge>;
  const online = lastSeenAt && Date.now() - lastSeenAt.getTime() < ONLINE_MS;
  return <Badge tone={online ? "green" : "gray"}>{online ? "online" : lastSeenAt ? `offline since ${lastSeenAt.toISOString().slice(0, 16).replace("T", " ")}` : "never connected"}</Badge>;
}

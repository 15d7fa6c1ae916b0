/**
 * What people call a chat. WhatsApp ids (`1203…@g.us`, `5511…@s.whatsapp.net`) never reach a
 * screen or a summary: a DM without a name is shown as the phone number it is, a group without a
 * name as "Unnamed group". Pure, so the web pages and the change summaries say the same thing.
 */
export interface ChannelLike {
  name: string | null;
  peerKind: "GROUP" | "DM" | "CHANNEL";
  externalId: string;
}

/** `5511999990000@s.whatsapp.net` → `+55 11 99999-0000`-ish: the digits a person would dial. */
export function phoneOf(externalId: string): string | null {
  const digits = externalId.split("@")[0]?.replace(/^\+/, "") ?? "";
  return /^\d{8,15}$/.test(digits) ? `+${digits}` : null;
}

export function channelName(c: ChannelLike): string {
  if (c.name?.trim()) return c.name.trim();
  if (c.peerKind === "DM") return phoneOf(c.externalId) ?? "Unknown person";
  return c.peerKind === "GROUP" ? "Unnamed group" : "Unnamed channel";
}

/** "the group Vendas SP", "the direct messages with Maria": for sentences. */
export function channelPhrase(c: ChannelLike): string {
  const name = channelName(c);
  if (c.peerKind === "DM") return `the direct messages with ${name}`;
  return c.peerKind === "GROUP" ? `the group ${name}` : `the channel ${name}`;
}

import { describe, expect, it } from "vitest";
import { describeChanges, patternPhrase, summarize } from "./describe-change";
import type { SettingsSnapshot } from "./settings-snapshot";

const agent = (id: string, name: string, over: Partial<SettingsSnapshot["agents"][number]> = {}) => ({
  id, externalId: id, name, emoji: null, avatarUrl: null, theme: null, model: "claude-sonnet-4-5", systemPrompt: null, skills: [], mentionPatterns: [], enabled: true, ...over,
});
const snap = (over: Partial<SettingsSnapshot> = {}): SettingsSnapshot => ({
  v: 1, tenant: { dmPolicy: "PAIRING", groupPolicy: "ALLOWLIST" }, agents: [agent("a1", "Lobo")], channels: [], bindings: [], ...over,
});
const channels = [
  { id: "g1", name: "Vendas SP", peerKind: "GROUP" as const, externalId: "120363999@g.us", provider: "whatsapp" },
  { id: "d1", name: null, peerKind: "DM" as const, externalId: "5511977776666@s.whatsapp.net", provider: "whatsapp" },
];
const binding = (id: string, agentId: string, where: { channelId?: string; pattern?: string }) => ({ id, agentId, channelId: where.channelId ?? null, pattern: where.pattern ?? null, priority: 0, createdAt: "2026-12-01T00:00:00.000Z" });

describe("what changed, in words", () => {
  it("names the agent and the chat, never their ids", () => {
    const lines = describeChanges(snap(), snap({ bindings: [binding("b1", "a1", { channelId: "g1" }), binding("b2", "a1", { channelId: "d1" })] }), channels);
    expect(lines).toEqual(["Lobo now answers the group Vendas SP", "Lobo now answers the direct messages with +5511977776666"]);
    expect(lines.join(" ")).not.toMatch(/@g\.us|@s\.whatsapp\.net|\bg1\b|\ba1\b/);
  });

  it("says a reassignment, a removal, a switch-off and a policy in one pass", () => {
    const before = snap({ agents: [agent("a1", "Lobo"), agent("a2", "Águia")], bindings: [binding("b1", "a1", { channelId: "g1" }), binding("b2", "a1", { pattern: "whatsapp:dm:*" })] });
    const after = snap({ tenant: { dmPolicy: "OPEN", groupPolicy: "ALLOWLIST" }, agents: [agent("a1", "Lobo", { enabled: false }), agent("a2", "Águia")], bindings: [binding("b1", "a2", { channelId: "g1" })] });
    expect(describeChanges(before, after, channels)).toEqual([
      "Lobo switched off",
      "Águia now answers the group Vendas SP instead of Lobo",
      "Lobo no longer answers all direct messages",
      "Direct messages: open to everyone",
    ]);
  });

  it("puts patterns in words", () => {
    expect(patternPhrase("whatsapp:group:*")).toBe("all groups");
    expect(patternPhrase("telegram:dm:*")).toBe("all direct messages on Telegram");
    expect(patternPhrase("whatsapp:dm:+5511999990000")).toBe("the direct messages with +5511999990000");
  });

  it("fits the summary column and says how many changes were left out", () => {
    const lines = Array.from({ length: 40 }, (_, i) => `Agent number ${i} now answers the group Something Long ${i}`);
    const s = summarize(lines, "fallback");
    expect(s.length).toBeLessThanOrEqual(300);
    expect(s).toMatch(/; and \d+ more changes$/);
    expect(summarize([], "Re-published current settings")).toBe("Re-published current settings");
  });
});

import { describe, expect, it } from "vitest";
import { canonicalJson, configHash } from "./canonical-json";
import { clawdbotConfigSchema } from "./clawdbot-config.schema";

const base = {
  agents: { ownership: "explicit", entries: { lobo: { identity: { name: "Lobo" } }, aguia: { identity: { name: "Águia" }, model: "baas/claude-sonnet-4-5" } } },
  bindings: [{ agentId: "lobo", match: { channel: "whatsapp", peer: { kind: "group", id: "1@g.us" } } }],
  channels: { whatsapp: { dmPolicy: "pairing", groupPolicy: "allowlist", groups: { "1@g.us": { requireMention: true } } } },
};

describe("Clawdbot config rules", () => {
  it("accepts a well-formed fragment", () => {
    expect(clawdbotConfigSchema.safeParse(base).success).toBe(true);
  });

  it.each([
    ["a binding to an agent not in the roster", { ...base, bindings: [{ agentId: "ghost", match: { channel: "whatsapp" } }] }, /unknown agent "ghost"/],
    ["two bindings for the same peer", { ...base, bindings: [base.bindings[0], base.bindings[0]] }, /same peer/],
    ["a roster without explicit ownership", { ...base, agents: { entries: base.agents.entries } }, /ownership/],
    ["an empty identity name", { ...base, agents: { ownership: "explicit", entries: { lobo: { identity: { name: " " } } } } }, /identity.name/],
    ["a model outside the baas provider", { ...base, agents: { entries: { lobo: { identity: { name: "L" }, model: "anthropic/claude" } } } }, /baas\/<model>/],
    ["an upper-case agent id", { ...base, agents: { entries: { Lobo: { identity: { name: "L" } } } }, bindings: [] }, /agents.entries/],
    ["a DM policy Clawdbot does not know", { ...base, channels: { whatsapp: { ...base.channels.whatsapp, dmPolicy: "everyone" } } }, /dmPolicy/],
  ])("rejects %s", (_label, cfg, message) => {
    const r = clawdbotConfigSchema.safeParse(cfg);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")).toMatch(message);
  });

  it("hashes canonically: key order does not matter, values do", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe('{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}');
    expect(configHash({ a: 1, b: 2 })).toBe(configHash({ b: 2, a: 1 }));
    expect(configHash({ a: 1 })).not.toBe(configHash({ a: 2 }));
    expect(configHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});

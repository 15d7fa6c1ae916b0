import { describe, expect, it } from "vitest";
import { parseSessionKey } from "./session-key";

describe("parseSessionKey", () => {
  it("reads a WhatsApp group key", () => {
    expect(parseSessionKey("agent:Lobo:WhatsApp:group:120363012345@g.us")).toMatchObject({
      agentId: "lobo",
      channel: "whatsapp",
      peerKind: "group",
      peerId: "120363012345@g.us",
    });
  });

  it("reads DMs in the OpenClaw and Clawdbot spellings, with and without account", () => {
    expect(parseSessionKey("agent:lobo:telegram:direct:5511999")).toMatchObject({ channel: "telegram", peerKind: "dm", peerId: "5511999" });
    expect(parseSessionKey("agent:lobo:whatsapp:dm:+5511999")).toMatchObject({ channel: "whatsapp", peerKind: "dm", peerId: "+5511999" });
    expect(parseSessionKey("agent:lobo:direct:+5511999")).toMatchObject({ channel: null, peerKind: "dm", peerId: "+5511999" });
    expect(parseSessionKey("agent:lobo:whatsapp:biz2:direct:+5511")).toMatchObject({
      channel: "whatsapp",
      accountId: "biz2",
      peerKind: "dm",
      peerId: "+5511",
    });
  });

  it("reads the main key and strips a thread suffix", () => {
    expect(parseSessionKey("agent:coruja:main")).toMatchObject({ agentId: "coruja", channel: null, peerKind: null });
    expect(parseSessionKey("agent:lobo:discord:channel:9876:thread:42")).toMatchObject({
      channel: "discord",
      peerKind: "channel",
      peerId: "9876",
      threadId: "42",
    });
  });

  it("rejects keys that are not agent session keys", () => {
    expect(parseSessionKey("cron:nightly")).toBeNull();
    expect(parseSessionKey("agent:")).toBeNull();
  });
});

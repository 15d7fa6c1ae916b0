import { describe, expect, it } from "vitest";
import { parseSessionKey } from "./session-key";

describe("parseSessionKey", () => {
  it("reads a WhatsApp group key, lower-casing agent and channel but not the peer", () => {
    expect(parseSessionKey("agent:Lobo:WhatsApp:group:120363012345@g.us")).toEqual({
      agentId: "lobo",
      channel: "whatsapp",
      peerKind: "group",
      peerId: "120363012345@g.us",
    });
  });

  it("reads DMs in the OpenClaw and Clawdbot spellings, with and without account", () => {
    expect(parseSessionKey("agent:lobo:telegram:direct:5511999")).toMatchObject({ channel: "telegram", peerKind: "dm", peerId: "5511999" });
    expect(parseSessionKey("agent:lobo:whatsapp:dm:+5511999")).toMatchObject({ channel: "whatsapp", peerKind: "dm", peerId: "+5511999" });
    expect(parseSessionKey("agent:lobo:direct:+5511999")).toEqual({ agentId: "lobo", peerKind: "dm", peerId: "+5511999" });
    expect(parseSessionKey("agent:lobo:whatsapp:biz2:direct:+5511")).toEqual({
      agentId: "lobo",
      channel: "whatsapp",
      accountId: "biz2",
      peerKind: "dm",
      peerId: "+5511",
    });
  });

  it("reads the main key, keeps peer ids with colons and strips a thread suffix", () => {
    expect(parseSessionKey("agent:coruja:main")).toEqual({ agentId: "coruja" });
    expect(parseSessionKey("agent:lobo:discord:channel:9876:thread:42")).toMatchObject({
      channel: "discord",
      peerKind: "channel",
      peerId: "9876",
      threadId: "42",
    });
    expect(parseSessionKey("agent:ops:slack:channel:T1:C2:thread:99")).toMatchObject({ channel: "slack", peerKind: "channel", peerId: "T1:C2", threadId: "99" });
  });

  it("rejects what is not an agent session key", () => {
    expect(parseSessionKey("cron:nightly")).toBeNull();
    expect(parseSessionKey("agent:")).toBeNull();
    expect(parseSessionKey("main")).toBeNull();
    expect(parseSessionKey("")).toBeNull();
    expect(parseSessionKey(undefined)).toBeNull();
  });
});

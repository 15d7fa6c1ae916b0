import { describe, expect, it } from "vitest";
import { parseSessionKey } from "./session-key";
import { contextFromHook } from "./run-context";

describe("session keys", () => {
  it("reads a WhatsApp group key", () => {
    expect(parseSessionKey("agent:Lobo:whatsapp:group:120363000000000001@g.us")).toEqual({
      agentId: "lobo", channel: "whatsapp", peerKind: "group", peerId: "120363000000000001@g.us",
    });
  });

  it("reads the DM shapes of OpenClaw (direct) and Clawdbot (dm), with and without account", () => {
    expect(parseSessionKey("agent:lobo:whatsapp:direct:+5511999990000")).toMatchObject({ channel: "whatsapp", peerKind: "dm", peerId: "+5511999990000" });
    expect(parseSessionKey("agent:lobo:whatsapp:dm:+5511999990000")).toMatchObject({ peerKind: "dm", peerId: "+5511999990000" });
    expect(parseSessionKey("agent:lobo:direct:+5511999990000")).toEqual({ agentId: "lobo", peerKind: "dm", peerId: "+5511999990000" });
    expect(parseSessionKey("agent:lobo:whatsapp:biz:direct:+55119")).toMatchObject({ channel: "whatsapp", accountId: "biz", peerKind: "dm", peerId: "+55119" });
  });

  it("keeps peer ids with colons, splits off threads, and knows the main session", () => {
    expect(parseSessionKey("agent:ops:slack:channel:T1:C2:thread:99")).toMatchObject({ channel: "slack", peerKind: "channel", peerId: "T1:C2", threadId: "99" });
    expect(parseSessionKey("agent:main:main")).toEqual({ agentId: "main" });
  });

  it("rejects what is not a session key", () => {
    expect(parseSessionKey("main")).toBeNull();
    expect(parseSessionKey("")).toBeNull();
    expect(parseSessionKey(undefined)).toBeNull();
  });

  it("builds the call context from a hook ctx, trusting the key over chatId (a DM's chatId is the channel name)", () => {
    expect(contextFromHook({ runId: "r1", agentId: "lobo", sessionKey: "agent:lobo:whatsapp:direct:+55119", chatId: "whatsapp" })).toEqual({
      agentId: "lobo", sessionKey: "agent:lobo:whatsapp:direct:+55119", channel: "whatsapp", peerKind: "dm", peerId: "+55119", runId: "r1",
    });
  });
});

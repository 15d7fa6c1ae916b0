import { describe, expect, it } from "vitest";
import { contextFromHook } from "./run-context";

describe("run context", () => {
  it("builds the call context from a hook ctx, trusting the key over chatId (a DM's chatId is the channel name)", () => {
    expect(contextFromHook({ runId: "r1", agentId: "lobo", sessionKey: "agent:lobo:whatsapp:direct:+55119", chatId: "whatsapp" })).toEqual({
      agentId: "lobo", sessionKey: "agent:lobo:whatsapp:direct:+55119", channel: "whatsapp", peerKind: "dm", peerId: "+55119", runId: "r1",
    });
  });
});

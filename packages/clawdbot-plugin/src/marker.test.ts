import { describe, expect, it } from "vitest";
import { encodeMarker, takeMarker } from "./marker";

const sk = "agent:lobo:whatsapp:group:1203@g.us";

describe("legacy Clawdbot turn markers", () => {
  it("attributes a call from the newest marker and hides every marker from the model", () => {
    const old = encodeMarker({ sk: "agent:lobo:whatsapp:direct:+551", turn: "t-old" });
    const now = encodeMarker({ sk, turn: "t-now" });
    const r = takeMarker({
      model: "claude-sonnet-4-5",
      messages: [
        { role: "user", content: `${old}earlier question` },
        { role: "assistant", content: [{ type: "text", text: "earlier answer" }] },
        { role: "user", content: [{ type: "text", text: `${now}hello group` }] },
      ],
    })!;
    expect(r.context).toEqual({ agentId: "lobo", sessionKey: sk, channel: "whatsapp", peerKind: "group", peerId: "1203@g.us", runId: "t-now", callId: "t-now:model:1" });
    expect(JSON.stringify(r.request)).not.toContain("[[baas:");
    expect((r.request.messages as any[])[2].content[0].text).toBe("hello group");
  });

  it("numbers tool-loop calls of the same turn, so a retried call keeps its id", () => {
    const m = encodeMarker({ sk, turn: "t1" });
    const r = takeMarker({
      messages: [
        { role: "user", content: `${m}run the tool` },
        { role: "assistant", content: [{ type: "tool_use", id: "tu1", name: "x", input: {} }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "tu1", content: "ok" }] },
      ],
    })!;
    expect(r.context.callId).toBe("t1:model:2");
  });

  it("returns null when there is no marker (a call the plugin cannot attribute)", () => {
    expect(takeMarker({ messages: [{ role: "user", content: "plain" }] })).toBeNull();
  });
});

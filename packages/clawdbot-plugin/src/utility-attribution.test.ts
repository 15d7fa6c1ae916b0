import { describe, expect, it } from "vitest";
import { RunContextStore } from "./run-context";
import { callContextFor } from "./transport";
import { promptKey, textOf } from "./utility-attribution";

const hook = (runId: string, peer: string, agentId = "lobo") => ({ runId, agentId, sessionKey: `agent:${agentId}:whatsapp:group:${peer}`, sessionId: `s-${runId}` });
/** What an activity recap sends: the previous recap and excerpts of the session's messages. */
const recap = (quote: string) => ({ systemPrompt: "Write an Activity recap…", messages: [{ role: "user", content: [{ type: "text", text: JSON.stringify({ previousRecap: "", messages: [`user: ${quote}`] }) }] }] });

describe("utility calls are attributed to the run whose message they quote", () => {
  it("finds the most recent run quoted by a recap, and gives its agent, chat and session but not its run", () => {
    const runs = new RunContextStore();
    runs.remember(hook("r1", "111@g.us"));
    runs.setPromptKey("r1", promptKey("what is the status of order 4471?"));
    runs.remember(hook("r2", "222@g.us", "coruja"));
    runs.setPromptKey("r2", promptKey("please summarise the supplier call"));
    const ctx = callContextFor(runs, { maxTokens: 240 }, undefined, recap("please summarise the supplier call"));
    expect(ctx).toMatchObject({ agentId: "coruja", channel: "whatsapp", peerKind: "group", peerId: "222@g.us", sessionKey: "agent:coruja:whatsapp:group:222@g.us" });
    expect(ctx.runId).toBeUndefined();
    expect(ctx.callId).toMatch(/^utility:/);
  });

  it("leaves a call that quotes no run on the instance, and never overrides a call that has its run", () => {
    const runs = new RunContextStore();
    runs.remember(hook("r1", "111@g.us"));
    runs.setPromptKey("r1", promptKey("what is the status of order 4471?"));
    expect(callContextFor(runs, {}, undefined, recap("something else entirely")).agentId).toBe("_instance");
    const inRun = callContextFor(runs, { requestId: "r9:model:1" }, "pardal", recap("what is the status of order 4471?"));
    expect(inRun.agentId).toBe("pardal");
  });

  it("also recognises a recap that quotes only the run's answer, or a message with quotes in it", () => {
    const runs = new RunContextStore();
    runs.remember(hook("r1", "111@g.us"));
    runs.setPromptKey("r1", promptKey('read "notes.txt" and tell me the secret word'));
    runs.remember(hook("r2", "222@g.us", "coruja"));
    runs.setPromptKey("r2", promptKey("Answer: the shipment leaves on Friday from the north depot"), "answerKey");
    expect(callContextFor(runs, {}, undefined, recap('read "notes.txt" and tell me the secret word')).agentId).toBe("lobo");
    expect(callContextFor(runs, {}, undefined, recap("assistant: Answer: the shipment leaves on Friday from the north depot")).agentId).toBe("coruja");
  });

  it("keys a message by its longest line's start, and ignores messages too short to tell apart", () => {
    expect(promptKey("[WhatsApp 120363@g.us]\nwhat is the status of order 4471 and when does it ship to the client?")).toBe("what is the status of order 4471 and when does it ship to th");
    expect(promptKey("ok")).toBeNull();
    expect(promptKey(undefined)).toBeNull();
    expect(textOf({ a: ["x", { b: "y" }], n: 1 })).toBe("x\ny");
  });
});

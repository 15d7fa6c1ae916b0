import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLlm } from "./fake-llm";
import type { FakeLlm } from "./llm-types";

let whole: FakeLlm;
let sliced: FakeLlm;

beforeAll(async () => {
  whole = await startFakeLlm();
  sliced = await startFakeLlm({ chunkDelayMs: 1, sliceBytes: 5 });
});
afterAll(async () => {
  await whole.close();
  await sliced.close();
});

async function stream(fake: FakeLlm): Promise<Buffer> {
  fake.setReply(() => ({ text: "ação 🎉 日本", deltas: 3 }));
  const res = await fetch(`${fake.url}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "k", "anthropic-version": "2023-06-01" },
    body: JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 50, stream: true, messages: [{ role: "user", content: "oi" }] }),
  });
  return Buffer.from(await res.arrayBuffer());
}

describe("the fake records the bytes it streamed", () => {
  it("in one write or in fixed-size slices, the recorded bytes are the bytes the client read", async () => {
    for (const fake of [whole, sliced]) {
      const got = await stream(fake);
      const sent = fake.requests.at(-1)!.sent!;
      expect(sent.toString("utf8")).toContain("🎉");
      expect(got.equals(sent)).toBe(true);
    }
  });
});

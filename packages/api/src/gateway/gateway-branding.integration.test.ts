/** A plan with "BaaS branding" (Starter) ends each final answer with the BaaS line; other plans never do. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, eventReader, startHarness, type Harness } from "./gateway.harness";

const LINE = "\n\n— Answered with BaaS (free plan)";
let h: Harness;
let tierId: string;

beforeAll(async () => {
  h = await startHarness();
  const tier = await h.db.tier.create({ data: { key: `brand-${randomUUID().slice(0, 8)}`, name: "Branded", priceMonthlyMinor: 0, defaultModel: "claude-sonnet-4-5", allowedModels: ["claude-sonnet-4-5", "gpt-4o-mini"], branding: true } });
  tierId = tier.id;
  await h.db.subscription.create({ data: { tenantId: h.fx.tenant.id, tierId } });
});
afterAll(async () => {
  await h.close();
  await h.db.subscription.deleteMany({ where: { tenantId: h.fx.tenant.id } });
  await h.db.tier.delete({ where: { id: tierId } });
});

const ctx = () => ({ agentId: "lobo", sessionKey: "agent:lobo:whatsapp:group:120363777@g.us", callId: `brand-${randomUUID()}` });
const streamText = async (provider: "anthropic" | "openai", request: Record<string, unknown>) => {
  const events: Array<Record<string, any>> = [];
  const read = eventReader();
  for await (const c of await h.client.gateway.stream.mutate({ provider, request: { ...request, stream: true } as never, context: ctx() })) events.push(...read(c));
  if (provider === "anthropic") return events.filter((e) => e.type === "content_block_delta").map((e) => e.delta.text ?? "").join("");
  return events.map((e) => e.choices?.[0]?.delta?.content ?? "").join("");
};

describe("BaaS branding on the plans that carry it", () => {
  it("appends the line to complete and streamed answers of both providers, at the very end, priced as the provider's answer", async () => {
    const plain = await h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("oi"), context: ctx() });
    const blocks = (plain.response as { content: Array<{ type: string; text?: string }> }).content;
    expect(blocks.at(-1)).toEqual({ type: "text", text: LINE });
    expect(blocks.length).toBeGreaterThan(1);
    const streamed = await streamText("anthropic", ask("conte"));
    expect(streamed.endsWith(LINE)).toBe(true);
    expect(streamed.length).toBeGreaterThan(LINE.length);
    const oai = await h.client.gateway.complete.mutate({ provider: "openai", request: { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }, context: ctx() });
    expect((oai.response as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content.endsWith(LINE)).toBe(true);
    expect((await streamText("openai", { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] })).endsWith(LINE)).toBe(true);
    // The line is ours: the recorded output is the provider's count.
    const row = await h.db.usageEvent.findUniqueOrThrow({ where: { id: plain.usage.usageEventId } });
    expect(row.outputTokens).toBe(plain.usage.outputTokens);
  });

  it("leaves a tool call alone, and a plan without branding untouched", async () => {
    const tool = await h.client.gateway.complete.mutate({ provider: "anthropic", request: ask('use it [[tool:read {"path":"x"}]]', { tools: [{ name: "read", input_schema: { type: "object" } }] }), context: ctx() });
    expect(JSON.stringify(tool.response)).not.toContain("Answered with BaaS");
    await h.db.tier.update({ where: { id: tierId }, data: { branding: false } });
    h.engine.invalidate(h.fx.tenant.id);
    const out = await h.client.gateway.complete.mutate({ provider: "anthropic", request: ask("oi"), context: ctx() });
    expect(JSON.stringify(out.response)).not.toContain("Answered with BaaS");
    expect(await streamText("anthropic", ask("conte"))).not.toContain("Answered with BaaS");
  });
});

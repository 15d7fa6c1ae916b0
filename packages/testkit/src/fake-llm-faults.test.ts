import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeLlm } from "./fake-llm";
import type { FakeLlm } from "./llm-types";

let fake: FakeLlm;
const anthropic = (apiKey: string, timeout?: number) => new Anthropic({ apiKey, baseURL: fake.url, maxRetries: 0, timeout });
const ask = (apiKey: string) =>
  anthropic(apiKey).messages.create({ model: "m", max_tokens: 5, messages: [{ role: "user", content: "hi" }] });

beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe("faults", () => {
  it("a 429 with retryAfterSec surfaces as RateLimitError carrying retry-after and reset", async () => {
    const resetAt = new Date(Date.UTC(2030, 0, 1, 12, 0, 0));
    fake.setFault("acct-1", { status: 429, retryAfterSec: 30, resetAt });
    const err = await ask("acct-1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    const e = err as InstanceType<typeof Anthropic.RateLimitError>;
    expect(e.status).toBe(429);
    expect(e.headers?.get("retry-after")).toBe("30");
    expect(e.headers?.get("anthropic-ratelimit-unified-reset")).toBe(String(resetAt.getTime() / 1000));
    expect(e.headers?.get("anthropic-ratelimit-requests-reset")).toBe("2030-01-01T12:00:00Z");
    expect(e.error).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
  });

  it("faults are per credential: another account keeps working", async () => {
    fake.setFault("acct-1", { status: 529 });
    await expect(ask("acct-1")).rejects.toMatchObject({ status: 529, error: { error: { type: "overloaded_error" } } });
    await expect(ask("acct-2")).resolves.toMatchObject({ type: "message" });
    fake.setFault("acct-1", null);
    await expect(ask("acct-1")).resolves.toMatchObject({ type: "message" });
  });

  it("queued faults are consumed in order, then requests succeed", async () => {
    fake.queueFaults("acct-1", { status: 500 }, 2);
    await expect(ask("acct-1")).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    await expect(ask("acct-1")).rejects.toMatchObject({ status: 500, error: { error: { type: "api_error" } } });
    await expect(ask("acct-1")).resolves.toMatchObject({ type: "message" });
    expect(fake.countFor("acct-1")).toBe(3);
  });

  it("maps 401/403 to the SDK's authentication and permission errors", async () => {
    fake.queueFaults("acct-1", { status: 401 }, 1);
    fake.queueFaults("acct-1", { status: 403 }, 1);
    await expect(ask("acct-1")).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    await expect(ask("acct-1")).rejects.toBeInstanceOf(Anthropic.PermissionDeniedError);
  });

  it("afterFirstByte starts the stream, then fails it with an error event", async () => {
    fake.setFault("acct-1", { status: 529, afterFirstByte: true });
    const received: string[] = [];
    const stream = anthropic("acct-1").messages.stream({ model: "m", max_tokens: 5, messages: [{ role: "user", content: "hi" }] });
    stream.on("text", (t) => received.push(t));
    await expect(stream.finalMessage()).rejects.toMatchObject({ error: { error: { type: "overloaded_error" } } });
    expect(received.length).toBe(1); // the first byte did arrive
  });

  it("hang never answers, so client timeouts fire", async () => {
    fake.setFault("acct-1", { status: 500, hang: true });
    const started = Date.now();
    await expect(
      anthropic("acct-1", 300).messages.create({ model: "m", max_tokens: 5, messages: [{ role: "user", content: "hi" }] }),
    ).rejects.toBeInstanceOf(Anthropic.APIConnectionTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("OpenAI faults use OpenAI's error shape and reset header", async () => {
    fake.setFault("sk-openai", { status: 429, retryAfterSec: 2, resetAt: new Date(Date.now() + 90_500) });
    const client = new OpenAI({ apiKey: "sk-openai", baseURL: `${fake.url}/v1`, maxRetries: 0 });
    const err = await client.chat.completions.create({ model: "gpt-5", messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const e = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.code).toBe("rate_limit_exceeded");
    expect(e.headers?.get("retry-after")).toBe("2");
    expect(e.headers?.get("x-ratelimit-reset-requests")).toMatch(/^1m3[01]s$/);
  });
});

describe("Claude Max subscription windows", () => {
  it("reports utilisation, resets and status on every response of that account", async () => {
    const fiveHourResetAt = new Date(Date.UTC(2030, 0, 1, 15));
    fake.setWindows("max-1", { fiveHour: 0.85, sevenDay: 0.4, fiveHourResetAt });
    const { response } = await anthropic("max-1")
      .messages.create({ model: "m", max_tokens: 5, messages: [{ role: "user", content: "hi" }] })
      .withResponse();
    expect(response.headers.get("anthropic-ratelimit-unified-5h-utilization")).toBe("0.85");
    expect(response.headers.get("anthropic-ratelimit-unified-7d-utilization")).toBe("0.4");
    expect(response.headers.get("anthropic-ratelimit-unified-5h-reset")).toBe(String(fiveHourResetAt.getTime() / 1000));
    expect(Number(response.headers.get("anthropic-ratelimit-unified-7d-reset"))).toBeGreaterThan(Date.now() / 1000);
    expect(response.headers.get("anthropic-ratelimit-unified-status")).toBe("allowed_warning");
    const other = await anthropic("max-2").messages.create({ model: "m", max_tokens: 5, messages: [{ role: "user", content: "hi" }] }).withResponse();
    expect(other.response.headers.get("anthropic-ratelimit-unified-status")).toBeNull();
  });

  it("an exhausted window rejects with 429 and status rejected", async () => {
    fake.setWindows("max-1", { fiveHour: 0.2, sevenDay: 1 });
    const err = await ask("max-1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    const headers = (err as InstanceType<typeof Anthropic.RateLimitError>).headers;
    expect(headers?.get("anthropic-ratelimit-unified-status")).toBe("rejected");
    expect(headers?.get("anthropic-ratelimit-unified-representative-claim")).toBe("seven_day");
    expect(Number(headers?.get("retry-after"))).toBeGreaterThan(0);
    fake.setWindows("max-1", { fiveHour: 0.1 });
    await expect(ask("max-1")).resolves.toMatchObject({ type: "message" });
  });
});

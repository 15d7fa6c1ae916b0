import { describe, expect, it } from "vitest";
import { outputSoFar, usageCollector, usageOfResponse } from "./usage";

describe("usage of a complete answer", () => {
  it("reads Anthropic's counts, cache reads and writes included", () => {
    const msg = { model: "claude-sonnet-4-5", usage: { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 300, cache_creation_input_tokens: 40 } };
    expect(usageOfResponse("anthropic", msg)).toEqual({ inputTokens: 10, outputTokens: 20, cacheReadTokens: 300, cacheWriteTokens: 40 });
  });

  it("reads OpenAI's counts with the cached prompt tokens apart from input", () => {
    const msg = { usage: { prompt_tokens: 1000, completion_tokens: 7, prompt_tokens_details: { cached_tokens: 800 } } };
    expect(usageOfResponse("openai", msg)).toEqual({ inputTokens: 200, outputTokens: 7, cacheReadTokens: 800, cacheWriteTokens: 0 });
  });

  it("gives zeros for an answer without usage, and a collector reads the model too", () => {
    expect(usageOfResponse("openai", { choices: [] })).toEqual({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });
    const c = usageCollector("anthropic");
    c.onMessage({ model: "claude-haiku-4-5", usage: { input_tokens: 1, output_tokens: 2, cache_read_input_tokens: 3, cache_creation_input_tokens: 4 } });
    expect(c.usage).toMatchObject({ model: "claude-haiku-4-5", inputTokens: 1, outputTokens: 2, cacheReadTokens: 3, cacheWriteTokens: 4 });
  });
});

describe("usage of a stream", () => {
  it("folds Anthropic's message_start and cumulative message_delta, cache tokens included", () => {
    const c = usageCollector("anthropic");
    c.onEvent({ type: "message_start", message: { model: "claude-opus-4-1", usage: { input_tokens: 5, cache_read_input_tokens: 900, cache_creation_input_tokens: 60, output_tokens: 1 } } });
    c.onEvent({ type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "abcd" } });
    c.onEvent({ type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "hello" } });
    c.onEvent({ type: "content_block_delta", index: 2, delta: { type: "input_json_delta", partial_json: '{"q":1}' } });
    expect(c.usage).toMatchObject({ model: "claude-opus-4-1", inputTokens: 5, outputTokens: 1, cacheReadTokens: 900, cacheWriteTokens: 60, streamedChars: 16 });
    expect(outputSoFar(c.usage)).toBe(4);
    c.onEvent({ type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 42 } });
    expect(c.usage).toMatchObject({ inputTokens: 5, outputTokens: 42, cacheReadTokens: 900, cacheWriteTokens: 60, error: null });
    expect(outputSoFar(c.usage)).toBe(42);
  });

  it("takes input and cache counts that message_delta repeats", () => {
    const c = usageCollector("anthropic");
    c.onEvent({ type: "message_start", message: { usage: { input_tokens: 5 } } });
    c.onEvent({ type: "message_delta", usage: { input_tokens: 6, cache_read_input_tokens: 7, cache_creation_input_tokens: 8, output_tokens: 9 } });
    expect(c.usage).toMatchObject({ inputTokens: 6, outputTokens: 9, cacheReadTokens: 7, cacheWriteTokens: 8 });
  });

  it("reads OpenAI's usage chunk, cached tokens apart, and counts streamed text and tool arguments", () => {
    const c = usageCollector("openai");
    c.onEvent({ model: "gpt-4o-mini", choices: [{ index: 0, delta: { content: "hey" } }], usage: null });
    c.onEvent({ model: "gpt-4o-mini", choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] } }] });
    expect(c.usage).toMatchObject({ model: "gpt-4o-mini", streamedChars: 8, inputTokens: 0, outputTokens: 0 });
    c.onEvent({ model: "gpt-4o-mini", choices: [], usage: { prompt_tokens: 50, completion_tokens: 6, prompt_tokens_details: { cached_tokens: 32 } } });
    expect(c.usage).toMatchObject({ inputTokens: 18, outputTokens: 6, cacheReadTokens: 32, cacheWriteTokens: 0 });
  });

  it("notes an error event of either provider", () => {
    const a = usageCollector("anthropic");
    a.onEvent({ type: "error", error: { type: "overloaded_error", message: "busy" } });
    expect(a.usage.error).toEqual({ type: "overloaded_error", message: "busy" });
    const o = usageCollector("openai");
    o.onEvent({ error: { message: "boom" } });
    expect(o.usage.error).toEqual({ message: "boom" });
  });
});

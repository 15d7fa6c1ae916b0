import { describe, expect, it } from "vitest";
import { providerOfModel } from "./provider";

describe("providerOfModel", () => {
  it("knows both families and says nothing of an alias", () => {
    expect(["claude-sonnet-4-5", "Claude-3-5-haiku"].map(providerOfModel)).toEqual(["anthropic", "anthropic"]);
    expect(["gpt-4o-mini", "chatgpt-4o-latest", "o3-mini", "o1"].map(providerOfModel)).toEqual(["openai", "openai", "openai", "openai"]);
    expect(["my-alias", "opus", ""].map(providerOfModel)).toEqual([null, null, null]);
  });
});

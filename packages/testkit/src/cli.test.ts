import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli";

const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));

describe("baas-fake-upstream CLI", () => {
  it("parses flags and refuses to start nothing", () => {
    expect(parseCliArgs(["--llm-port", "0", "--latency-ms", "5", "--webhook-url", "http://127.0.0.1:1/x"])).toMatchObject({
      llmPort: 0, latencyMs: 5, webhookUrl: "http://127.0.0.1:1/x", stripePort: undefined,
    });
    expect(() => parseCliArgs([])).toThrow(/nothing to start/);
    expect(() => parseCliArgs(["--llm-port", "abc"])).toThrow(/port number/);
  });

  it("prints the URLs as one JSON line, serves, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", cli, "--llm-port", "0", "--resend-port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    const urls = JSON.parse(line) as Record<string, string>;
    expect(Object.keys(urls).sort()).toEqual(["llm", "resend"]);
    const msg = await new Anthropic({ apiKey: "k", baseURL: urls.llm, maxRetries: 0 }).messages.create({
      model: "m", max_tokens: 5, messages: [{ role: "user", content: "from cli" }],
    });
    expect(msg.content).toEqual([{ type: "text", text: "fake-reply: from cli" }]);
    child.kill("SIGTERM");
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
  }, 20_000);
});

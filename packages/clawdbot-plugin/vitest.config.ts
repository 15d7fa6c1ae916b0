import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "clawdbot-plugin",
    // The e2e file drives a real OpenClaw gateway (test/openclaw.e2e.test.ts): long timeouts there.
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

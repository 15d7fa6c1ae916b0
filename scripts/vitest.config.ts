import { defineConfig } from "vitest/config";

// One vitest run over every workspace project; each project keeps its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "apps/web/vitest.config.ts", "scripts/lib/vitest.config.ts"],
  },
});

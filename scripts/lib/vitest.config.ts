import { defineProject } from "vitest/config";

// The set-up scripts' own logic (start-up configuration), as one project of `npm test`.
export default defineProject({
  test: { name: "scripts", include: ["*.test.ts"] },
});

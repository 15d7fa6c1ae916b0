// The one place the workspace's lint rules live; every package's eslint.config.js extends it.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/.next/**", "**/generated/**", "**/coverage/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      "no-console": "off",
      // Env is validated once per app; packages take configuration as parameters.
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration from the app's env module and pass it in." },
      ],
    },
  },
  {
    // Entry points and scripts may read the environment directly.
    files: ["**/scripts/**", "scripts/**", "**/env.ts", "**/*.config.ts", "**/*.config.js", "**/*.mjs"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Tests and their harnesses: environment of the test run, loosely typed host fakes.
    files: ["**/*.test.ts", "**/test/**", "**/e2e/**", "**/testing/**", "**/*.harness.ts", "**/*-fixtures.ts"],
    rules: { "no-restricted-properties": "off", "@typescript-eslint/no-explicit-any": "off", "no-control-regex": "off" },
  },
);

import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import base from "./base.js";

export default [
  ...base,
  {
    files: ["**/*.tsx"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
];

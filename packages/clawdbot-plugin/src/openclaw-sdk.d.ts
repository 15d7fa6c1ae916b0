// openclaw ships plugin-sdk/llm without declarations; this is the part the plugin calls.
declare module "openclaw/plugin-sdk/llm" {
  export function streamSimple(model: unknown, context: unknown, options?: unknown): unknown;
}

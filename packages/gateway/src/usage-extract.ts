import type { Provider } from "./types";

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/**
 * Input size that is never under the real count: every token is at least one byte of what the
 * model reads, so the UTF-8 size of the prompt (as JSON, which only adds bytes) bounds it — for
 * any language, emoji included. Images and documents cost far fewer tokens than their base64.
 */
export function estimateInputTokens(body: Record<string, unknown>): number {
  let bytes = 0;
  for (const k of ["system", "messages", "tools", "input", "instructions"]) {
    const v = body[k];
    if (typeof v === "string") bytes += Buffer.byteLength(v, "utf8");
    else if (v !== undefined) bytes += Buffer.byteLength(JSON.stringify(v), "utf8");
  }
  return bytes;
}

/**
 * The most output a model can write in one answer, for calls that do not set max_tokens (OpenAI
 * lets them omit it; the upstream then writes up to this). Longest prefix wins.
 */
const MAX_OUTPUT: [string, number][] = [
  ["claude-opus-4", 32_000],
  ["claude-sonnet-4", 64_000],
  ["claude-haiku-4", 64_000],
  ["claude-3-5", 8_192],
  ["claude-3", 4_096],
  ["claude", 64_000],
  ["gpt-4o", 16_384],
  ["gpt-4.1", 32_768],
  ["gpt-4", 8_192],
  ["gpt-3.5", 4_096],
  ["gpt-5", 128_000],
  ["o1", 100_000],
  ["o3", 100_000],
  ["o4", 100_000],
];

export function modelMaxOutput(model: string): number {
  let best: [string, number] | null = null;
  for (const e of MAX_OUTPUT) if (model.startsWith(e[0]) && (!best || e[0].length > best[0].length)) best = e;
  return best?.[1] ?? 128_000;
}

/** The output the call may produce: its own max_tokens, else all the model can write. */
export function maxTokensOf(provider: Provider, body: Record<string, unknown>, model = String(body.model ?? "")): number {
  const asked = provider === "anthropic" ? num(body.max_tokens) : num(body.max_completion_tokens) || num(body.max_tokens);
  return asked > 0 ? Math.ceil(asked) : modelMaxOutput(model);
}

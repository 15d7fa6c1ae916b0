export type Provider = "anthropic" | "openai";

/**
 * The provider whose API serves a model id, or null when the id does not say (a custom alias).
 * The one rule for the gateway (preflight prices a downgraded model) and the plugin (a model the
 * gateway picked may belong to the other family than the one the host asked for).
 */
export function providerOfModel(model: string): Provider | null {
  if (/^claude-/i.test(model)) return "anthropic";
  if (/^(gpt-|chatgpt-|o\d)/i.test(model)) return "openai";
  return null;
}

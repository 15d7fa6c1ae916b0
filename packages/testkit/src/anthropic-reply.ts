import type { AnthropicAnalysis } from "./anthropic-request";
import type { LlmState } from "./llm-state";
import type { Usage } from "./llm-types";
import { resolveReply } from "./reply-override";
import { defaultReplyText, isRecord, nextId, requestedTool, tokensOf, type ToolCall } from "./reply-text";

/** Everything one Anthropic answer consists of, rendered later as JSON or as SSE. */
export interface AnthropicPlan {
  id: string;
  model: string;
  thinking?: string;
  text?: string;
  /** Deltas the text streams in. */
  textDeltas?: number;
  tool?: ToolCall & { id: string };
  stopReason: string;
  usage: Usage;
}

function thinkingEnabled(body: Record<string, unknown>): boolean {
  const t = body.thinking;
  return isRecord(t) && (t.type === "enabled" || t.type === "adaptive");
}

/** Splits input tokens into uncached / cache write / cache read, per account and system prompt. */
function inputUsage(a: AnthropicAnalysis, state: LlmState, credential: string): Omit<Usage, "output_tokens"> {
  const total = tokensOf(a.totalChars);
  if (a.cachedPrefixChars === null) {
    return { input_tokens: total, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  }
  const cached = tokensOf(a.cachedPrefixChars);
  const firstTime = state.writeCache(`${credential}\u0000${a.systemHash}`);
  return {
    input_tokens: total - cached,
    cache_creation_input_tokens: firstTime ? cached : 0,
    cache_read_input_tokens: firstTime ? 0 : cached,
  };
}

export function planAnthropic(
  body: Record<string, unknown>,
  a: AnthropicAnalysis,
  state: LlmState,
  credential: string,
  path: string,
): AnthropicPlan {
  const tool = requestedTool(a.toolText, Array.isArray(body.tools) && body.tools.length > 0);
  const thinking = thinkingEnabled(body) ? `fake-thinking: ${a.lastUserText.slice(0, 60)}` : undefined;
  const text = tool ? "" : defaultReplyText(a.lastUserText);
  const outChars = text.length + (thinking?.length ?? 0) + (tool ? JSON.stringify(tool.input).length : 0);
  const defaultUsage: Usage = { ...inputUsage(a, state, credential), output_tokens: Math.max(1, tokensOf(outChars)) };
  const r = resolveReply(state.reply, {
    provider: "anthropic", path, credential, body, lastUserText: a.lastUserText, defaultText: text, defaultUsage,
  });
  // An explicit text override replaces a planned tool call: the test asked for that answer.
  const useTool = tool && !r.overridden;
  return {
    id: nextId("msg_fake"),
    model: typeof body.model === "string" ? body.model : "claude-fake",
    thinking,
    text: useTool ? undefined : r.text,
    textDeltas: r.deltas,
    tool: useTool ? { ...tool, id: nextId("toolu_fake") } : undefined,
    stopReason: r.stopReason ?? (useTool ? "tool_use" : "end_turn"),
    usage: r.usage,
  };
}

const SIGNATURE = "ZmFrZS1zaWduYXR1cmU=";

function usageObject(u: Usage, outputTokens: number): Record<string, unknown> {
  return {
    input_tokens: u.input_tokens,
    cache_creation_input_tokens: u.cache_creation_input_tokens,
    cache_read_input_tokens: u.cache_read_input_tokens,
    cache_creation: { ephemeral_5m_input_tokens: u.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: "standard",
  };
}

export function anthropicJson(p: AnthropicPlan): Record<string, unknown> {
  const content: unknown[] = [];
  if (p.thinking !== undefined) content.push({ type: "thinking", thinking: p.thinking, signature: SIGNATURE });
  if (p.text !== undefined) content.push({ type: "text", text: p.text });
  if (p.tool) content.push({ type: "tool_use", id: p.tool.id, name: p.tool.name, input: p.tool.input });
  return {
    id: p.id,
    type: "message",
    role: "assistant",
    model: p.model,
    content,
    stop_reason: p.stopReason,
    stop_sequence: null,
    usage: usageObject(p.usage, p.usage.output_tokens),
  };
}

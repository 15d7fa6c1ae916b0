import { createHash } from "node:crypto";
import type { LlmState } from "./llm-state";
import type { Usage } from "./llm-types";
import { resolveReply } from "./reply-override";
import { defaultReplyText, isRecord, nextId, requestedTool, splitChunks, tokensOf, toolSearchText, type ToolCall } from "./reply-text";

export interface OpenAiPlan {
  id: string;
  created: number;
  model: string;
  text: string | null;
  /** Deltas the text streams in. */
  textDeltas?: number;
  tool?: ToolCall & { id: string };
  finishReason: string;
  usage: Usage;
}

function partText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((p) => (isRecord(p) && typeof p.text === "string" ? p.text : "")).join("\n");
}

interface OpenAiAnalysis {
  totalChars: number;
  systemText: string;
  lastUserText: string;
}

/** Counts characters; the leading system/developer messages form the cacheable prefix. */
function analyzeOpenAi(body: Record<string, unknown>): OpenAiAnalysis {
  let total = Array.isArray(body.tools) ? JSON.stringify(body.tools).length : 0;
  let system = "";
  let last = "";
  let inPrefix = true;
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (const m of messages) {
    if (!isRecord(m)) continue;
    const text = partText(m.content);
    total += text.length + (Array.isArray(m.tool_calls) ? JSON.stringify(m.tool_calls).length : 0);
    const isSystem = m.role === "system" || m.role === "developer";
    if (inPrefix && isSystem) system += text;
    else inPrefix = false;
    if (m.role === "user") last = text;
  }
  return { totalChars: total, systemText: system, lastUserText: last };
}

const FINISH: Record<string, string> = { end_turn: "stop", stop_sequence: "stop", max_tokens: "length", tool_use: "tool_calls" };

/**
 * OpenAI caches prompt prefixes automatically; the fake treats the system prompt as that prefix,
 * per account: the first request writes it, later ones report it as `cached_tokens`.
 */
function cachedTokens(a: OpenAiAnalysis, state: LlmState, credential: string): number {
  if (a.systemText.length === 0) return 0;
  const key = `oai\u0000${credential}\u0000${createHash("sha1").update(a.systemText).digest("base64")}`;
  return state.writeCache(key) ? 0 : tokensOf(a.systemText.length);
}

export function planOpenAi(body: Record<string, unknown>, state: LlmState, credential: string, path: string): OpenAiPlan {
  const a = analyzeOpenAi(body);
  const tool = requestedTool(toolSearchText(body.messages, a.lastUserText, partText), Array.isArray(body.tools) && body.tools.length > 0);
  const text = tool ? "" : defaultReplyText(a.lastUserText);
  const cached = cachedTokens(a, state, credential);
  const outChars = text.length + (tool ? JSON.stringify(tool.input).length : 0);
  const defaultUsage: Usage = {
    input_tokens: tokensOf(a.totalChars) - cached,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
    output_tokens: Math.max(1, tokensOf(outChars)),
  };
  const r = resolveReply(state.reply, {
    provider: "openai", path, credential, body, lastUserText: a.lastUserText, defaultText: text, defaultUsage,
  });
  const useTool = tool && !r.overridden;
  return {
    id: nextId("chatcmpl-fake"),
    created: Math.floor(Date.now() / 1000),
    model: typeof body.model === "string" ? body.model : "gpt-fake",
    text: useTool ? null : r.text,
    textDeltas: r.deltas,
    tool: useTool ? { ...tool, id: nextId("call_fake") } : undefined,
    finishReason: r.stopReason ? (FINISH[r.stopReason] ?? r.stopReason) : useTool ? "tool_calls" : "stop",
    usage: r.usage,
  };
}

function usageObject(u: Usage): Record<string, unknown> {
  const prompt = u.input_tokens + u.cache_read_input_tokens + u.cache_creation_input_tokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: u.output_tokens,
    total_tokens: prompt + u.output_tokens,
    prompt_tokens_details: { cached_tokens: u.cache_read_input_tokens, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

const toolCall = (t: ToolCall & { id: string }) => ({
  id: t.id, type: "function", function: { name: t.name, arguments: JSON.stringify(t.input) },
});

export function openAiJson(p: OpenAiPlan): Record<string, unknown> {
  const message: Record<string, unknown> = { role: "assistant", content: p.text, refusal: null, annotations: [] };
  if (p.tool) message.tool_calls = [toolCall(p.tool)];
  return {
    id: p.id, object: "chat.completion", created: p.created, model: p.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: p.finishReason }],
    usage: usageObject(p.usage),
    service_tier: "default",
    system_fingerprint: "fp_fake",
  };
}

function chunkDeltas(p: OpenAiPlan): Record<string, unknown>[] {
  if (p.tool) {
    const args = splitChunks(JSON.stringify(p.tool.input), 3);
    return [
      { role: "assistant", content: null, tool_calls: [{ index: 0, id: p.tool.id, type: "function", function: { name: p.tool.name, arguments: "" } }] },
      ...args.map((a) => ({ tool_calls: [{ index: 0, function: { arguments: a } }] })),
    ];
  }
  return [{ role: "assistant", content: "", refusal: null }, ...splitChunks(p.text ?? "", p.textDeltas).map((content) => ({ content }))];
}

/** `data:` chunks as OpenAI streams them, usage chunk only with stream_options.include_usage. */
export function openAiChunks(p: OpenAiPlan, includeUsage: boolean): string[] {
  const base = { id: p.id, object: "chat.completion.chunk", created: p.created, model: p.model, system_fingerprint: "fp_fake", service_tier: "default" };
  const usageField = includeUsage ? { usage: null } : {};
  const line = (o: unknown) => `data: ${JSON.stringify(o)}\n\n`;
  const out = chunkDeltas(p).map((delta) =>
    line({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }], ...usageField }),
  );
  out.push(line({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: p.finishReason }], ...usageField }));
  if (includeUsage) out.push(line({ ...base, choices: [], usage: usageObject(p.usage) }));
  out.push("data: [DONE]\n\n");
  return out;
}

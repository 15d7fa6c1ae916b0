import type { CallContext } from "./contract";
import type { HostHookContext } from "./host-types";
import { parseSessionKey } from "@baas/protocol";

/** What the agent hooks tell us about a run, before its first model call. */
export type HookContextLike = Pick<
  HostHookContext,
  "runId" | "agentId" | "sessionKey" | "sessionId" | "channel" | "messageProvider" | "chatId" | "channelId"
>;

export interface RunInfo {
  context: Omit<CallContext, "callId">;
  sessionId?: string;
  /** Model the gateway's preflight chose for this run (downgrade / per-group override). */
  model?: string;
  /** The start of the run's inbound message and of its answer, to recognise the recap that quotes them. */
  promptKey?: string;
  answerKey?: string;
  at: number;
}

/** Builds the call context from a hook ctx; the session key is the source of truth for the peer. */
export function contextFromHook(ctx: HookContextLike): Omit<CallContext, "callId"> | null {
  const parsed = parseSessionKey(ctx.sessionKey);
  const agentId = (parsed?.agentId ?? ctx.agentId)?.toLowerCase();
  if (!agentId) return null;
  const channel = parsed?.channel ?? ctx.channel ?? ctx.messageProvider ?? undefined;
  return {
    agentId,
    ...(ctx.sessionKey ? { sessionKey: ctx.sessionKey } : {}),
    ...(channel ? { channel: channel.toLowerCase() } : {}),
    ...(parsed?.peerKind ? { peerKind: parsed.peerKind } : {}),
    ...(parsed?.peerId ? { peerId: parsed.peerId } : {}),
    ...(ctx.runId ? { runId: ctx.runId } : {}),
  };
}

const TTL_MS = 60 * 60 * 1000;
const MAX_RUNS = 5000;

/** runId → attribution, kept for the run's model calls ("<runId>:model:<n>"). */
export class RunContextStore {
  private readonly runs = new Map<string, RunInfo>();
  private readonly bySession = new Map<string, string>();

  remember(ctx: HookContextLike): RunInfo | null {
    if (!ctx.runId) return null;
    const context = contextFromHook(ctx);
    if (!context) return null;
    const prev = this.runs.get(ctx.runId);
    const info: RunInfo = { ...prev, context: { ...prev?.context, ...context }, sessionId: ctx.sessionId ?? prev?.sessionId, at: Date.now() };
    this.runs.set(ctx.runId, info);
    if (info.sessionId) this.bySession.set(info.sessionId, ctx.runId);
    this.prune();
    return info;
  }

  setPromptKey(runId: string | undefined, key: string | null, which: "promptKey" | "answerKey" = "promptKey"): void {
    const info = runId ? this.runs.get(runId) : undefined;
    if (info && key) info[which] = key;
  }

  /** The most recent run (of the last hour) whose inbound message the given text quotes. */
  quotedBy(text: string, now = Date.now()): RunInfo | undefined {
    let best: RunInfo | undefined;
    for (const info of this.runs.values()) {
      if ((!info.promptKey && !info.answerKey) || info.at < now - TTL_MS || (best && best.at >= info.at)) continue;
      if ((info.promptKey && text.includes(info.promptKey)) || (info.answerKey && text.includes(info.answerKey))) best = info;
    }
    return best;
  }

  setModel(runId: string, model: string): void {
    const info = this.runs.get(runId);
    if (info) info.model = model;
  }

  get(runId: string | undefined): RunInfo | undefined {
    return runId ? this.runs.get(runId) : undefined;
  }

  /** Context for one model call: by the runId in requestId, else by the session id. */
  forCall(requestId: string | undefined, sessionId: string | undefined): RunInfo | undefined {
    const runId = runIdOf(requestId);
    const byRun = runId ? this.runs.get(runId) : undefined;
    if (byRun) return byRun;
    const viaSession = sessionId ? this.bySession.get(sessionId) : undefined;
    return viaSession ? this.runs.get(viaSession) : undefined;
  }

  forget(runId: string | undefined): void {
    if (runId) this.runs.delete(runId);
  }

  private prune(): void {
    if (this.runs.size <= MAX_RUNS) return;
    const cutoff = Date.now() - TTL_MS;
    for (const [id, info] of this.runs) if (info.at < cutoff || this.runs.size > MAX_RUNS) this.runs.delete(id);
  }
}

/** "<runId>:model:<n>" → runId. */
export function runIdOf(requestId: string | undefined): string | undefined {
  if (!requestId) return undefined;
  const i = requestId.lastIndexOf(":model:");
  return i > 0 ? requestId.slice(0, i) : requestId;
}

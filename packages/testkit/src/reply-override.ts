import type { ReplyContext, ReplyFn, Usage } from "./llm-types";

export interface ResolvedReply {
  text: string;
  usage: Usage;
  stopReason?: string;
  deltas?: number;
  overridden: boolean;
}

/** Runs the per-test `setReply` hook, if any, over the fake's default answer. */
export function resolveReply(fn: ReplyFn | null, ctx: ReplyContext): ResolvedReply {
  const base = { text: ctx.defaultText, usage: ctx.defaultUsage, overridden: false };
  if (!fn) return base;
  const o = fn(ctx);
  if (!o) return base;
  return {
    text: o.text ?? ctx.defaultText,
    usage: { ...ctx.defaultUsage, ...o.usage },
    stopReason: o.stopReason,
    deltas: o.deltas,
    overridden: o.text !== undefined || o.stopReason !== undefined,
  };
}

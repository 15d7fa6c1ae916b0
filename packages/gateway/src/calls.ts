import { AppError } from "@baas/db";
import { usageOfResponse } from "@baas/protocol";
import { admit, type Admitted } from "./admission";
import { brandingFrames, brandResponse } from "./branding";
import type { Deps } from "./deps";
import { record, release, type Outcome } from "./recording";
import { cachedResponse, storeResponse } from "./response-cache";
import { withRotation } from "./rotation";
import { callJson, openStream } from "./upstream";
import { StreamPass } from "./stream-pass";
import type { CallInput, CompleteResult, StreamItem } from "./types";

const modelOf = (data: unknown, fallback: string): string => {
  const m = (data as { model?: unknown } | null)?.model;
  return typeof m === "string" && m ? m : fallback;
};

function outcome(adm: Admitted, partial: Partial<Outcome>): Outcome {
  return {
    usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    model: adm.model,
    account: null,
    fallbackPath: [],
    cacheHit: false,
    streaming: false,
    ttftMs: null,
    status: "OK",
    errorCode: null,
    ...partial,
  };
}

export async function complete(d: Deps, tenantId: string, instanceId: string, input: CallInput): Promise<CompleteResult> {
  const adm = await admit(d, tenantId, instanceId, input);
  try {
    const cached = await cachedResponse(d, adm);
    if (cached) {
      const usage = await record(d, adm, outcome(adm, { usage: usageOfResponse(input.provider, cached), cacheHit: true }));
      return { response: branded(adm, cached), usage };
    }
    const served = await withRotation(d, input.provider, adm.model, input.context.sessionKey, async (a) => {
      const r = await callJson(a, adm.body);
      return { value: r.data, headers: r.headers };
    });
    const response = served.result;
    storeResponse(d, adm, response);
    const usage = await record(
      d,
      adm,
      outcome(adm, {
        usage: usageOfResponse(input.provider, response),
        model: modelOf(response, adm.model),
        account: served.account,
        fallbackPath: served.fallbackPath,
        ttftMs: d.now() - adm.startedAt,
      }),
    );
    return { response: branded(adm, response), usage };
  } catch (e) {
    await release(d, adm);
    throw e;
  }
}

/** The answer as the tenant's plan shows it (cached raw, branded on the way out). */
const branded = (adm: Admitted, response: unknown) => (adm.cfg.branding ? brandResponse(adm.input.provider, response) : response);

/** OpenAI streams report usage only when asked; we ask, and drop that chunk if the caller did not. */
function streamBody(adm: Admitted): { body: Record<string, unknown>; dropUsageChunk: boolean } {
  if (adm.input.provider !== "openai") return { body: adm.body, dropUsageChunk: false };
  const opts = (adm.body.stream_options ?? {}) as Record<string, unknown>;
  if (opts.include_usage === true) return { body: adm.body, dropUsageChunk: false };
  return { body: { ...adm.body, stream_options: { ...opts, include_usage: true } }, dropUsageChunk: true };
}

/**
 * Streams the upstream's own SSE text, one item per upstream read (see stream-pass.ts), and reads
 * usage on the side. Everything up to the upstream's response headers may be retried on another
 * account; after that, an upstream error is passed on (its event, then a thrown error). The usage
 * is recorded after the last byte and before the final usage item, whatever happens, including a
 * consumer that goes away.
 */
export async function* stream(d: Deps, tenantId: string, instanceId: string, input: CallInput): AsyncGenerator<StreamItem> {
  const adm = await admit(d, tenantId, instanceId, input);
  const { body, dropUsageChunk } = streamBody(adm);
  let served;
  try {
    served = await withRotation(d, input.provider, adm.model, input.context.sessionKey, async (a) => {
      const r = await openStream(a, body);
      return { value: r.texts, headers: r.headers };
    });
  } catch (e) {
    await release(d, adm);
    throw e;
  }
  // Only a branded plan, or an OpenAI caller that did not ask for usage, pays for event boundaries.
  const pass = new StreamPass(input.provider, { dropUsageOnly: dropUsageChunk, before: adm.cfg.branding ? brandingFrames(input.provider) : null });
  let ttftMs: number | null = null;
  let failure: unknown = null;
  let ended = false;
  const finish = (status: Outcome["status"], errorCode: string | null) =>
    record(d, adm, outcome(adm, { usage: pass.tokens(), model: pass.usage.model ?? adm.model, account: served.account, fallbackPath: served.fallbackPath, streaming: true, ttftMs, status, errorCode }));
  try {
    for await (const text of served.result) {
      ttftMs ??= d.now() - adm.startedAt;
      const out = pass.push(text);
      if (out) yield { type: "sse", text: out };
      if (pass.usage.error) break;
    }
    const rest = pass.end();
    if (rest) yield { type: "sse", text: rest };
    ended = true;
  } catch (e) {
    failure = e;
    ended = true;
  } finally {
    // The consumer went away mid-stream (return() at a yield): what was used is still charged.
    if (!ended) await finish("ERROR", "CANCELLED").catch(() => undefined);
  }
  if (failure || pass.usage.error) {
    await finish("ERROR", "UPSTREAM_STREAM_ERROR");
    throw new AppError("UPSTREAM_UNAVAILABLE", "The upstream stream failed after it started", { details: { message: "The answer was interrupted." } });
  }
  const usage = await finish("OK", null);
  yield { type: "usage", usage };
}

import { AppError } from "@baas/db";
import { admit, type Admitted } from "./admission";
import { brandResponse, streamBrander } from "./branding";
import type { Deps } from "./deps";
import { record, release, type Outcome } from "./recording";
import { cachedResponse, storeResponse } from "./response-cache";
import { withRotation } from "./rotation";
import { callJson, openStream } from "./upstream";
import { StreamUsage, usageOfResponse } from "./usage-extract";
import type { CallInput, CompleteResult, StreamChunk } from "./types";

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

const isUsageOnlyChunk = (ev: unknown): boolean => {
  const e = ev as { choices?: unknown[]; usage?: unknown };
  return Array.isArray(e?.choices) && e.choices.length === 0 && !!e.usage;
};

/**
 * Streams the provider's own events. Everything up to the upstream's response headers may be
 * retried on another account; after that, an upstream error is passed on (its event, then a
 * thrown error). The usage is recorded whatever happens, including a consumer that goes away.
 */
export async function* stream(d: Deps, tenantId: string, instanceId: string, input: CallInput): AsyncGenerator<StreamChunk> {
  const adm = await admit(d, tenantId, instanceId, input);
  const { body, dropUsageChunk } = streamBody(adm);
  let served;
  try {
    served = await withRotation(d, input.provider, adm.model, input.context.sessionKey, async (a) => {
      const r = await openStream(a, body);
      return { value: r.events, headers: r.headers };
    });
  } catch (e) {
    await release(d, adm);
    throw e;
  }
  const acc = new StreamUsage(input.provider);
  // Only a branded plan pays for the extra step per event.
  const brand = adm.cfg.branding ? streamBrander(input.provider) : null;
  let ttftMs: number | null = null;
  let model = adm.model;
  let failure: unknown = null;
  let ended = false;
  const finish = (status: Outcome["status"], errorCode: string | null) =>
    record(d, adm, outcome(adm, { usage: acc.usage, model, account: served.account, fallbackPath: served.fallbackPath, streaming: true, ttftMs, status, errorCode }));
  try {
    for await (const ev of served.result) {
      ttftMs ??= d.now() - adm.startedAt;
      acc.see(ev);
      if ((ev as { type?: string })?.type === "message_start") model = modelOf((ev as { message?: unknown }).message, model);
      if (!(dropUsageChunk && isUsageOnlyChunk(ev))) {
        if (brand) for (const out of brand(ev)) yield { type: "event", event: out };
        else yield { type: "event", event: ev };
      }
      if (acc.error) break;
    }
    ended = true;
  } catch (e) {
    failure = e;
    ended = true;
  } finally {
    // The consumer went away mid-stream (return() at a yield): what was used is still charged.
    if (!ended) await finish("ERROR", "CANCELLED").catch(() => undefined);
  }
  if (failure || acc.error) {
    await finish("ERROR", "UPSTREAM_STREAM_ERROR");
    throw new AppError("UPSTREAM_UNAVAILABLE", "The upstream stream failed after it started", { details: { message: "The answer was interrupted." } });
  }
  const usage = await finish("OK", null);
  yield { type: "usage", usage };
}

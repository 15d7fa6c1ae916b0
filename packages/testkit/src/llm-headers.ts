import type { Fault, Provider, Windows } from "./llm-types";

/** Claude clients start warning around 80 % of a window; the fake mirrors that threshold. */
const WARNING_AT = 0.8;
const HOUR = 3_600_000;

const unixSec = (d: Date): string => String(Math.floor(d.getTime() / 1000));

function windowStatus(utilization: number): string {
  if (utilization >= 1) return "rejected";
  return utilization >= WARNING_AT ? "allowed_warning" : "allowed";
}

/** Default resets land on the next full hour, like the real windows' rounded boundaries. */
function defaultReset(now: number, spanMs: number): Date {
  return new Date(Math.ceil((now + spanMs) / HOUR) * HOUR);
}

/**
 * Unified (Claude Max subscription) headers as Anthropic sends them: per-window utilisation,
 * reset (unix seconds) and status, plus the overall status of the most-used window.
 */
export function windowHeaders(w: Windows, now = Date.now()): { headers: Record<string, string>; rejected: boolean } {
  const five = w.fiveHour ?? 0;
  const seven = w.sevenDay ?? 0;
  const fiveReset = w.fiveHourResetAt ?? defaultReset(now, 5 * HOUR);
  const sevenReset = w.sevenDayResetAt ?? defaultReset(now, 7 * 24 * HOUR);
  // The "representative claim" is the window closest to its limit; its reset is the overall one.
  const fiveBinds = five >= seven;
  const worst = Math.max(five, seven);
  const headers: Record<string, string> = {
    "anthropic-ratelimit-unified-status": windowStatus(worst),
    "anthropic-ratelimit-unified-5h-utilization": String(five),
    "anthropic-ratelimit-unified-5h-reset": unixSec(fiveReset),
    "anthropic-ratelimit-unified-5h-status": windowStatus(five),
    "anthropic-ratelimit-unified-7d-utilization": String(seven),
    "anthropic-ratelimit-unified-7d-reset": unixSec(sevenReset),
    "anthropic-ratelimit-unified-7d-status": windowStatus(seven),
    "anthropic-ratelimit-unified-representative-claim": fiveBinds ? "five_hour" : "seven_day",
    "anthropic-ratelimit-unified-reset": unixSec(fiveBinds ? fiveReset : sevenReset),
  };
  return { headers, rejected: worst >= 1 };
}

/** OpenAI expresses resets as a duration ("1m30s", "250ms"), not a timestamp. */
export function openAiDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const totalSec = Math.ceil(ms / 1000);
  const min = Math.floor(totalSec / 60);
  const sec = totalSec % 60;
  return min > 0 ? `${min}m${sec}s` : `${sec}s`;
}

/**
 * Rate-limit headers of a fault. Anthropic's `anthropic-ratelimit-requests-reset` is RFC 3339
 * in the real API (only the unified-* resets are unix seconds), so the fake keeps those formats.
 */
export function faultHeaders(provider: Provider, fault: Fault, now = Date.now()): Record<string, string> {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSec !== undefined) headers["retry-after"] = String(fault.retryAfterSec);
  if (provider === "anthropic") {
    if (fault.status === 429) headers["anthropic-ratelimit-requests-remaining"] = "0";
    if (fault.resetAt) {
      headers["anthropic-ratelimit-requests-reset"] = fault.resetAt.toISOString().replace(/\.\d{3}Z$/, "Z");
      headers["anthropic-ratelimit-unified-reset"] = unixSec(fault.resetAt);
    }
  } else {
    if (fault.status === 429) headers["x-ratelimit-remaining-requests"] = "0";
    if (fault.resetAt) headers["x-ratelimit-reset-requests"] = openAiDuration(fault.resetAt.getTime() - now);
  }
  return headers;
}

const ANTHROPIC_ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  429: "rate_limit_error",
  500: "api_error",
  502: "api_error",
  503: "overloaded_error",
  529: "overloaded_error",
};

const OPENAI_ERRORS: Record<number, { type: string; code: string | null }> = {
  400: { type: "invalid_request_error", code: null },
  401: { type: "invalid_request_error", code: "invalid_api_key" },
  403: { type: "invalid_request_error", code: "unsupported_country_region_territory" },
  404: { type: "invalid_request_error", code: "model_not_found" },
  429: { type: "requests", code: "rate_limit_exceeded" },
};

/** Error JSON in the provider's own shape, so the SDKs raise their typed errors. */
export function errorBody(provider: Provider, status: number, message?: string): Record<string, unknown> {
  const text = message ?? `fake ${status} error`;
  if (provider === "anthropic") {
    const type = ANTHROPIC_ERROR_TYPES[status] ?? "api_error";
    return { type: "error", error: { type, message: text } };
  }
  const known = OPENAI_ERRORS[status] ?? { type: "server_error", code: null };
  return { error: { message: text, type: known.type, param: null, code: known.code } };
}

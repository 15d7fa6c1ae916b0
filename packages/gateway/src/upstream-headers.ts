/**
 * Reading the providers' rate-limit headers: when may this account be tried again, and how much of
 * a Claude Max subscription's rolling windows is spent.
 */
export interface WindowState {
  fiveHour: number | null;
  fiveHourResetAt: number | null;
  sevenDay: number | null;
  sevenDayResetAt: number | null;
}

function duration(s: string): number | null {
  // OpenAI style: "1m30s", "250ms", "6s", "1h2m".
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let any = false;
  for (const m of s.matchAll(re)) {
    any = true;
    const n = Number(m[1]);
    total += m[2] === "ms" ? n : m[2] === "s" ? n * 1000 : m[2] === "m" ? n * 60_000 : n * 3_600_000;
  }
  return any ? total : null;
}

function instant(v: string | null, now: number): number | null {
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000; // unix seconds
  const t = Date.parse(v);
  if (Number.isFinite(t)) return t;
  const d = duration(v);
  return d === null ? null : now + d;
}

/**
 * When a Claude subscription window is spent (`anthropic-ratelimit-unified-status: rejected`, or
 * the 5-hour / weekly window's own status), the moment it resets: nothing before then will pass,
 * whatever a shorter `retry-after` says.
 */
export function windowSpentUntil(h: Headers | undefined, now: number): number | null {
  if (!h) return null;
  const at = (v: string | null) => {
    const t = instant(v, now);
    return t !== null && t > now ? t : null;
  };
  const candidates: (number | null)[] = [];
  if (h.get("anthropic-ratelimit-unified-status") === "rejected") candidates.push(at(h.get("anthropic-ratelimit-unified-reset")));
  if (h.get("anthropic-ratelimit-unified-5h-status") === "rejected") candidates.push(at(h.get("anthropic-ratelimit-unified-5h-reset")));
  if (h.get("anthropic-ratelimit-unified-7d-status") === "rejected") candidates.push(at(h.get("anthropic-ratelimit-unified-7d-reset")));
  const known = candidates.filter((t): t is number => t !== null);
  return known.length ? Math.max(...known) : null;
}

/** The earliest moment the provider says this account can be used again, if it says so. */
export function resetFromHeaders(h: Headers | undefined, now: number): { retryAt: number | null; resetAt: number | null } {
  if (!h) return { retryAt: null, resetAt: null };
  const ra = h.get("retry-after");
  let retryAt: number | null = null;
  if (ra) {
    const sec = Number(ra);
    retryAt = Number.isFinite(sec) ? now + sec * 1000 : Date.parse(ra) || null;
  }
  const resets = [
    "anthropic-ratelimit-requests-reset",
    "anthropic-ratelimit-tokens-reset",
    "anthropic-ratelimit-input-tokens-reset",
    "anthropic-ratelimit-output-tokens-reset",
    "anthropic-ratelimit-unified-reset",
    "x-ratelimit-reset-requests",
    "x-ratelimit-reset-tokens",
  ]
    .map((k) => instant(h.get(k), now))
    .filter((t): t is number => t !== null && t > now);
  return { retryAt, resetAt: resets.length ? Math.max(...resets) : null };
}

export function windowsFromHeaders(h: Headers | undefined): WindowState | null {
  const five = h?.get("anthropic-ratelimit-unified-5h-utilization");
  const seven = h?.get("anthropic-ratelimit-unified-7d-utilization");
  if (!h || (five == null && seven == null)) return null;
  const num = (v: string | null) => (v == null || v === "" ? null : Number(v));
  const at = (v: string | null) => (v ? Number(v) * 1000 : null);
  return {
    fiveHour: num(five ?? null),
    fiveHourResetAt: at(h.get("anthropic-ratelimit-unified-5h-reset")),
    sevenDay: num(seven ?? null),
    sevenDayResetAt: at(h.get("anthropic-ratelimit-unified-7d-reset")),
  };
}

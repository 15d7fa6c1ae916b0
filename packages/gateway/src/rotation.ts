import { AppError } from "@baas/db";
import type { Deps } from "./deps";
import { accountAdmits } from "./rate-limits";
import { classify, type UpstreamAccountRuntime, type UpstreamFailure } from "./upstream";
import { windowsFromHeaders } from "./upstream-headers";
import type { Provider } from "./types";

export interface Served<T> {
  result: T;
  account: UpstreamAccountRuntime;
  fallbackPath: string[];
}

function ordered(accounts: UpstreamAccountRuntime[], stickyId: string | undefined): UpstreamAccountRuntime[] {
  if (!stickyId) return accounts;
  const s = accounts.find((a) => a.id === stickyId);
  return s ? [s, ...accounts.filter((a) => a !== s)] : accounts;
}

/**
 * Tries the pool in order — the session's sticky account first, then by priority — skipping
 * accounts in cooldown or with an open circuit. A retryable failure before the first byte
 * (429, 529, 5xx, timeout) moves the call to the next account invisibly; 401/403 disables the
 * account; any other 4xx is the caller's request and is passed on.
 */
export async function withRotation<T>(
  d: Deps,
  provider: Provider,
  model: string,
  sessionKey: string | undefined,
  attempt: (a: UpstreamAccountRuntime) => Promise<{ value: T; headers: Headers }>,
): Promise<Served<T>> {
  const accounts = ordered(await d.pool.list(provider), sessionKey ? d.sticky.get(sessionKey) : undefined);
  const path: string[] = [];
  let minWait = Infinity;
  let last: UpstreamFailure | null = null;
  for (const a of accounts) {
    const wait = d.health.waitMs(a.id, model);
    if (wait > 0 || !(await accountAdmits(d, a))) {
      minWait = Math.min(minWait, wait > 0 ? wait : 60_000);
      continue;
    }
    path.push(a.name);
    try {
      const { value, headers } = await attempt(a);
      d.health.success(a.id, model);
      observeWindows(d, a, headers);
      if (sessionKey) remember(d, sessionKey, a.id);
      return { result: value, account: a, fallbackPath: path };
    } catch (e) {
      const f = classify(e);
      if (f.kind === "client") throw new AppError("BAD_REQUEST", `Upstream rejected the request: ${f.message}`, { details: { upstreamStatus: f.status } });
      if (f.kind === "auth") await d.pool.disable(a, f.status);
      else d.health.failure(a.id, model, f.headers);
      observeWindows(d, a, f.headers);
      last = f;
    }
  }
  const retryAfterSec = Number.isFinite(minWait) ? Math.max(1, Math.ceil(minWait / 1000)) : 30;
  throw new AppError("UPSTREAM_UNAVAILABLE", `No upstream account could serve ${model}${last ? ` (last error: ${last.status ?? "timeout"})` : ""}`, {
    retryAfterSec,
    details: { fallbackPath: path, message: "The AI provider is busy right now. Please try again shortly." },
  });
}

function observeWindows(d: Deps, a: UpstreamAccountRuntime, headers: Headers | undefined): void {
  if (a.kind !== "MAX_SUBSCRIPTION") return;
  const w = windowsFromHeaders(headers);
  if (!w) return;
  d.health.windows(a.id, w);
  d.pool.recordWindows(a, w);
}

function remember(d: Deps, sessionKey: string, accountId: string): void {
  if (d.sticky.get(sessionKey) === accountId) return;
  if (d.sticky.size > 100_000) d.sticky.clear();
  d.sticky.set(sessionKey, accountId);
}

/**
 * Sign-in request limits (fixed windows, in memory: sign-in is not a hot path, and a restart only
 * forgives a few attempts). Per email and per client IP.
 */
export interface Limit {
  max: number;
  windowMs: number;
}

export const SIGN_IN_LIMITS = { perEmail: { max: 5, windowMs: 15 * 60_000 }, perIp: { max: 30, windowMs: 15 * 60_000 } } satisfies Record<string, Limit>;

const g = globalThis as unknown as { __baasSignInWindows?: Map<string, { count: number; resetAt: number }> };
const windows = (g.__baasSignInWindows ??= new Map());

/** Counts one attempt; returns seconds to wait when over the limit, else null. */
export function hit(key: string, limit: Limit, now = Date.now()): number | null {
  const w = windows.get(key);
  if (!w || w.resetAt <= now) {
    windows.set(key, { count: 1, resetAt: now + limit.windowMs });
    if (windows.size > 50_000) windows.clear();
    return null;
  }
  w.count += 1;
  return w.count > limit.max ? Math.ceil((w.resetAt - now) / 1000) : null;
}

export function checkSignIn(email: string, ip: string): number | null {
  const byEmail = hit(`e:${email.trim().toLowerCase()}`, SIGN_IN_LIMITS.perEmail);
  const byIp = hit(`i:${ip}`, SIGN_IN_LIMITS.perIp);
  return byEmail ?? byIp;
}

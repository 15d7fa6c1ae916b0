/**
 * Sign-in request limits, per normalised mailbox and per client address (the socket's, see
 * apps/web/server.ts). Counted in the hot store, so with Redis every process shares the windows.
 */
import type { HotStore, RateEntry } from "@baas/gateway";
import { normalizeEmail } from "./normalize-email";

export interface Limit {
  max: number;
  windowMs: number;
}

export const SIGN_IN_LIMITS = { perEmail: { max: 5, windowMs: 15 * 60_000 }, perIp: { max: 30, windowMs: 15 * 60_000 } } satisfies Record<string, Limit>;

const entry = (key: string, limit: Limit): RateEntry => ({ tenantId: null, key, limit: limit.max, windowMs: limit.windowMs, cost: 1 });

/** Counts one attempt; returns seconds to wait when over a limit, else null. */
export async function checkSignIn(hot: HotStore, rawEmail: string, ip: string, now = Date.now()): Promise<number | null> {
  // An address that doesn't normalise is refused by next-auth anyway; it still counts for the IP.
  const email = normalizeEmail(rawEmail) ?? "invalid";
  const r = await hot.rateLimit([entry(`signin:e:${email}`, SIGN_IN_LIMITS.perEmail), entry(`signin:i:${ip}`, SIGN_IN_LIMITS.perIp)], now);
  return r.ok ? null : Math.max(1, Math.ceil(r.retryAfterMs / 1000));
}

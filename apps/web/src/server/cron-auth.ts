import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether an Authorization header carries the cron secret ("Bearer <secret>"), compared in
 * constant time (hashes of equal length, so the secret's length does not leak either).
 */
export function cronAuthorized(header: string | null, secret: string | undefined): boolean {
  if (!secret || !header?.startsWith("Bearer ")) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(header.slice(7).trim()), digest(secret));
}

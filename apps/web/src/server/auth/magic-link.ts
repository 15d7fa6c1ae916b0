import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@baas/db";
import { env } from "~/env";

/** Magic links expire in 15 minutes and work once (next-auth deletes the token on use). */
export const MAGIC_LINK_MAX_AGE_SEC = 15 * 60;

/**
 * A next-auth email sign-in link minted by us (for invitations): same token hashing as next-auth
 * (sha256(token + secret)), same callback URL, so next-auth verifies and consumes it.
 */
export async function createMagicLink(db: Db, email: string, callbackPath: string): Promise<string> {
  const token = randomBytes(32).toString("hex");
  const hashed = createHash("sha256").update(`${token}${env().AUTH_SECRET}`).digest("hex");
  await db.verificationToken.create({
    data: { identifier: email, token: hashed, expires: new Date(Date.now() + MAGIC_LINK_MAX_AGE_SEC * 1000) },
  });
  const base = env().APP_URL.replace(/\/$/, "");
  const params = new URLSearchParams({ callbackUrl: `${base}${callbackPath}`, token, email });
  return `${base}/api/auth/callback/email?${params}`;
}

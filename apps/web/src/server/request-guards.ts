import "server-only";
import { env, isDemoMode } from "~/env";
import { clientIpOf, isLoopback } from "./client-ip";

/**
 * A cookie-authenticated write must come from our own pages: browsers send Origin on every POST,
 * and a page on another site can't make it ours. The app's own address (APP_URL) and the address
 * the browser used (Host) both count, so 127.0.0.1 and localhost work alike.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin) return false;
  if (origin === new URL(env().APP_URL).origin) return true;
  const host = headers.get("host");
  return host !== null && (origin === `http://${host}` || origin === `https://${host}`);
}

/** Demo conveniences (one-click owner, dev inbox): demo mode, and only for this machine. */
export function demoDoorOpen(headers: Headers): boolean {
  return isDemoMode() && isLoopback(clientIpOf(headers));
}

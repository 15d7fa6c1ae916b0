/**
 * The gateway's fast path: apps/web/server.ts hands machine calls (instance-key requests to
 * gateway.* and instance.*) straight to the API's node handler instead of routing them through
 * Next, which cost more per call than the gateway itself.
 *
 * The handler is built inside Next's bundle (by the tRPC route module) and published here on a
 * process-global Symbol: server.ts runs outside that bundle, and a second engine created there
 * would hold its own account pool and caches, deaf to the invalidation an operator's pool edit
 * sends through Next's routers. One engine per process, reached from both sides.
 *
 * No imports: server.ts loads this file with Node's type stripping, outside Next's bundler.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export type FastPathHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const KEY = Symbol.for("baas.web.gatewayFastPath");
const registry = globalThis as unknown as { [KEY]?: FastPathHandler };

/** Published once per process (the route module may be evaluated by more than one bundle). */
export function publishFastPath(handler: FastPathHandler): void {
  registry[KEY] ??= handler;
}

export function fastPathHandler(): FastPathHandler | undefined {
  return registry[KEY];
}

const PREFIX = "/api/trpc/";
const MACHINE = /^(gateway|instance)\.[A-Za-z]+$/;

/**
 * True for a request the fast path serves: an instance-key (Bearer) call whose every procedure is
 * gateway.* or instance.*. Anything else (people, cookies, other procedures) goes through Next.
 */
export function takesFastPath(url: string | undefined, authorization: string | undefined): boolean {
  if (!url?.startsWith(PREFIX) || !authorization?.startsWith("Bearer ")) return false;
  const q = url.indexOf("?");
  const paths = url.slice(PREFIX.length, q === -1 ? undefined : q);
  return paths.length > 0 && paths.split(",").every((p) => MACHINE.test(p));
}

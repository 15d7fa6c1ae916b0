import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { ApiServices, SessionUser } from "../context";
import { createTRPCContext } from "../context";
import { appRouter } from "../root";

export interface HandlerOptions {
  services: ApiServices;
  /** Where the router is mounted, e.g. "/api/trpc". */
  endpoint: string;
  /** Resolves the signed-in person for app procedures (next-auth in apps/web). */
  resolveUser?: (req: Request) => Promise<SessionUser | null>;
}

/**
 * The fetch handler every host mounts (Next.js route handler, the test server, the benchmark).
 * Rate-limit errors carry Retry-After, as HTTP clients expect.
 */
export function createApiHandler(opts: HandlerOptions) {
  return (req: Request) =>
    fetchRequestHandler({
      endpoint: opts.endpoint,
      req,
      router: appRouter,
      createContext: async () =>
        createTRPCContext({
          services: opts.services,
          headers: req.headers,
          user: opts.resolveUser ? await opts.resolveUser(req) : null,
        }),
      responseMeta({ errors }) {
        const retry = errors
          .map((e) => (e.cause as { retryAfterSec?: number } | undefined)?.retryAfterSec)
          .find((s): s is number => typeof s === "number");
        return retry ? { headers: new Headers({ "retry-after": String(Math.ceil(retry)) }) } : {};
      },
    });
}

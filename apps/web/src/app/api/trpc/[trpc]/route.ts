import { createApiHandler } from "@baas/api";
import { getSessionUser } from "~/server/auth/session";
import { getServices } from "~/server/services";

let handler: ((req: Request) => Promise<Response>) | undefined;

function handle(req: Request): Promise<Response> {
  // Gateway calls authenticate with the instance key; only people need the session lookup.
  handler ??= createApiHandler({
    services: getServices(),
    endpoint: "/api/trpc",
    resolveUser: async (r) => (r.headers.get("authorization")?.startsWith("Bearer ") ? null : getSessionUser()),
  });
  return handler(req);
}

export const dynamic = "force-dynamic";
export { handle as GET, handle as POST };

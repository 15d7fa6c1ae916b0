import { createApiHandler } from "@baas/api";
import { getSessionUser } from "~/server/auth/session";
import { getApiServices } from "~/server/services";

let handler: ((req: Request) => Promise<Response>) | undefined;

async function handle(req: Request): Promise<Response> {
  // Gateway calls authenticate with the instance key; only people need the session lookup.
  handler ??= createApiHandler({
    services: await getApiServices(),
    endpoint: "/api/trpc",
    resolveUser: async (r) => (r.headers.get("authorization")?.startsWith("Bearer ") ? null : getSessionUser()),
  });
  return handler(req);
}

export const dynamic = "force-dynamic";
export { handle as GET, handle as POST };

import { createApiHandler } from "@baas/api";
import { getSessionUser } from "~/server/auth/session";
import { isSameOrigin } from "~/server/request-guards";
import { getApiServices } from "~/server/services";

let handler: ((req: Request) => Promise<Response>) | undefined;

async function handle(req: Request): Promise<Response> {
  const bearer = req.headers.get("authorization")?.startsWith("Bearer ") ?? false;
  // Cookie-authenticated writes only from our own pages (instance-key calls carry no cookie).
  if (req.method === "POST" && !bearer && !isSameOrigin(req.headers)) {
    return Response.json({ error: { message: "Cross-origin request refused: send it from the app's own pages" } }, { status: 403 });
  }
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

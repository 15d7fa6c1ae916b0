import { createApiHandler, createNodeApiHandler, type HandlerOptions } from "@baas/api";
import { getSessionUser } from "~/server/auth/session";
import { publishFastPath } from "~/server/fast-path";
import { isSameOrigin } from "~/server/request-guards";
import { getApiServices } from "~/server/services";

let handler: ((req: Request) => Promise<Response>) | undefined;

/** One set of options for both ways in: the same router, services (one engine) and auth. */
async function options(): Promise<HandlerOptions> {
  return {
    services: await getApiServices(),
    endpoint: "/api/trpc",
    // Gateway calls authenticate with the instance key; only people need the session lookup.
    resolveUser: async (r) => (r.headers.get("authorization")?.startsWith("Bearer ") ? null : getSessionUser()),
  };
}

async function handle(req: Request): Promise<Response> {
  const bearer = req.headers.get("authorization")?.startsWith("Bearer ") ?? false;
  // Cookie-authenticated writes only from our own pages (instance-key calls carry no cookie).
  if (req.method === "POST" && !bearer && !isSameOrigin(req.headers)) {
    return Response.json({ error: { message: "Cross-origin request refused: send it from the app's own pages" } }, { status: 403 });
  }
  handler ??= createApiHandler(await options());
  return handler(req);
}

// server.ts serves instance-key calls to gateway.* and instance.* through this, in front of Next
// (see ~/server/fast-path): built here, inside Next's bundle, so it shares this process's engine
// and the invalidations operator pool edits send through the routers above.
let nodeHandler: ReturnType<typeof createNodeApiHandler> | undefined;
// Marks the way in (tests and operators can tell); nosniff as on every answer Next sends.
const FAST_PATH_HEADERS = { "x-baas-path": "fast", "x-content-type-options": "nosniff" };
publishFastPath(async (req, res) => {
  try {
    nodeHandler ??= createNodeApiHandler(await options());
  } catch (e) {
    // The services could not start (database or Redis unreachable): the same 500 Next would answer.
    console.error(JSON.stringify({ level: "error", msg: "gateway fast path: services unavailable", error: e instanceof Error ? e.message : String(e) }));
    return void res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "The control plane's services are unavailable" } }));
  }
  return nodeHandler(req, res, FAST_PATH_HEADERS);
});

export const dynamic = "force-dynamic";
export { handle as GET, handle as POST };

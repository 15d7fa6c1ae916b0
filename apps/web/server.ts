/**
 * The production server `npm start` runs: Next's request handler behind a plain node:http server,
 * so the app learns the real client address. Next's own server only *adds* X-Forwarded-For when
 * the client did not send one, which lets any client choose the address the sign-in limit and the
 * loopback-only demo doors see. Here the socket address is authoritative; forwarded headers count
 * only when the socket peer is a proxy listed in BAAS_TRUSTED_PROXIES (proxy-addr's syntax:
 * addresses, CIDRs, "loopback", "uniquelocal").
 *
 * Run with Node 24 directly (type stripping): `node apps/web/server.ts`. PORT, HOST (default
 * 127.0.0.1) and BAAS_TRUSTED_PROXIES come from the app's validated env (src/env.ts).
 */
import { createServer, type IncomingMessage } from "node:http";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import proxyAddr from "proxy-addr";
import { env } from "./src/env.ts";
import { CLIENT_IP_HEADER } from "./src/server/client-ip-header.ts";
import { fastPathHandler, takesFastPath } from "./src/server/fast-path.ts";

// Validated here, at start-up: a bad variable stops the server before it listens.
const { PORT: port, HOST: hostname, BAAS_TRUSTED_PROXIES } = env();
const dir = dirname(fileURLToPath(import.meta.url));
const trust = proxyAddr.compile(BAAS_TRUSTED_PROXIES.split(",").map((s) => s.trim()).filter(Boolean));

function clientIp(req: IncomingMessage): string {
  // With no trusted proxy, proxy-addr returns the socket address and ignores X-Forwarded-For.
  return proxyAddr(req, trust) || "unknown";
}

/** Where this process reaches itself: a wildcard listen address means loopback. */
function selfAddress(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer({ noDelay: true }, (req, res) => {
  // Overwritten on every request: a client-sent value never reaches the app.
  req.headers[CLIENT_IP_HEADER] = clientIp(req);
  // Instance-key calls to gateway.* / instance.* skip Next's routing (src/server/fast-path.ts):
  // same router, context and engine, published by the tRPC route module once Next loaded it.
  const fast = takesFastPath(req.url, req.headers.authorization) ? fastPathHandler() : undefined;
  void (fast ? fast(req, res) : handle(req, res));
});
server.keepAliveTimeout = 30_000;
server.listen(port, hostname, () => {
  console.info(`[baas] web listening on http://${hostname}:${port}`);
  // Loads the tRPC route module now (it publishes the fast path) rather than on the first call.
  fetch(`http://${selfAddress(hostname)}:${port}/api/trpc/health.ping`).catch(() => undefined);
});
for (const sig of ["SIGTERM", "SIGINT"] as const) {
  process.on(sig, () => server.close(() => process.exit(0)));
}

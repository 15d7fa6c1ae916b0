import http from "node:http";
import type { AddressInfo } from "node:net";
import type { HandlerOptions } from "./handler";
import { createNodeApiHandler } from "./node-handler";

export interface ApiServer {
  url: string;
  /** Full tRPC endpoint URL, e.g. http://127.0.0.1:1234/api/trpc */
  trpcUrl: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the API on a plain node:http server: used by tests, the plugin's end-to-end suite and
 * scripts/bench/phases.ts, where booting Next.js would only add noise. (`npm run bench` measures
 * the app as `npm start` serves it.)
 */
export async function startApiServer(
  opts: Omit<HandlerOptions, "endpoint"> & { port?: number; host?: string },
): Promise<ApiServer> {
  const endpoint = "/api/trpc";
  // The same node handler apps/web/server.ts puts in front of Next (one adapter, two hosts).
  const server = http.createServer({ noDelay: true }, createNodeApiHandler({ ...opts, endpoint }));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    trpcUrl: `${url}${endpoint}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

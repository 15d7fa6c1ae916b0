import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createApiHandler, type HandlerOptions } from "./handler";

export interface ApiServer {
  url: string;
  /** Full tRPC endpoint URL, e.g. http://127.0.0.1:1234/api/trpc */
  trpcUrl: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the API on a plain node:http server: used by tests, the plugin's end-to-end suite and
 * the benchmark, where booting Next.js would only add noise.
 */
export async function startApiServer(
  opts: Omit<HandlerOptions, "endpoint"> & { port?: number; host?: string },
): Promise<ApiServer> {
  const endpoint = "/api/trpc";
  const handle = createApiHandler({ ...opts, endpoint });
  const server = http.createServer(async (req, res) => {
    try {
      const url = `http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`;
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(url, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
        duplex: "half",
      } as RequestInit);
      const response = await handle(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return void res.end();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
      res.end();
    } catch (err) {
      res.writeHead(500).end(String(err instanceof Error ? err.message : err));
    }
  });
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

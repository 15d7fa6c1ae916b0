import http from "node:http";
import type { AddressInfo } from "node:net";
import { createApiHandler, type HandlerOptions } from "./handler";

function readBody(req: http.IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    // A plain Uint8Array view (no copy): DOM's BodyInit typing, which the web app compiles this
    // file with, does not accept Node's Buffer.
    req.on("end", () => {
      const buf = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      resolve(new Uint8Array(buf.buffer as ArrayBuffer, buf.byteOffset, buf.byteLength));
    });
    req.on("error", reject);
  });
}

/** Streamed answers: tRPC's JSON-lines batch stream (asked for by the client) or an event stream. */
function isStreamed(req: http.IncomingMessage, response: Response): boolean {
  return req.headers["trpc-accept"] === "application/jsonl" || (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
}

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
  const server = http.createServer({ noDelay: true }, async (req, res) => {
    try {
      const url = `http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`;
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      // Bodies are read whole (model calls are JSON documents): a Buffer body costs far less per
      // call than piping the socket through Readable.toWeb.
      // A caller that goes away aborts the request: a streamed model call stops its upstream
      // instead of generating (and paying for) an answer nobody reads.
      const gone = new AbortController();
      res.once("close", () => {
        if (!res.writableFinished) gone.abort(new Error("the caller went away"));
      });
      const request = new Request(url, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: hasBody ? await readBody(req) : undefined,
        signal: gone.signal,
      });
      const response = await handle(request);
      const headers = Object.fromEntries(response.headers);
      if (!response.body) return void res.writeHead(response.status, headers).end();
      if (!isStreamed(req, response)) {
        // One answer, one write: headers and body leave in a single packet with Content-Length.
        const buf = Buffer.from(await response.arrayBuffer());
        headers["content-length"] = String(buf.length);
        delete headers["transfer-encoding"];
        return void res.writeHead(response.status, headers).end(buf);
      }
      // Streams (httpBatchStreamLink's JSON lines, SSE): every chunk is written as soon as it is
      // produced, so the first event reaches the caller without waiting for the rest.
      res.writeHead(response.status, headers);
      res.flushHeaders();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        if (gone.signal.aborted) break;
        res.write(chunk);
      }
      res.end();
    } catch (err) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err instanceof Error ? err.message : err));
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

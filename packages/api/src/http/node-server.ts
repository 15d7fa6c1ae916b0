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

/**
 * Streams (httpBatchStreamLink's JSON lines, SSE) leave as soon as they are produced, but the
 * chunks produced in one go are written as one buffer: an upstream stream usually arrives in one
 * read and becomes one small JSON line per event, and a res.write per line (each its own
 * chunked-encoding frame, plus a separate write for flushHeaders) was the largest share of a
 * streamed call's CPU in profiles (~13 % under the writes of this loop). The flush runs on
 * process.nextTick — once the chain of promises that produced the chunks has settled, which is
 * when node's own corked socket would have sent them anyway — so the first event is not delayed.
 */
async function pipeCoalesced(body: ReadableStream<Uint8Array>, res: http.ServerResponse): Promise<void> {
  const reader = body.getReader();
  let pending: Uint8Array[] = [];
  let scheduled = false;
  const take = (): Uint8Array | undefined => {
    const out = pending.length <= 1 ? pending[0] : Buffer.concat(pending);
    pending = [];
    return out;
  };
  const flush = () => {
    scheduled = false;
    const out = take();
    if (out && !res.writableEnded) res.write(out);
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending.push(value);
      if (!scheduled) {
        scheduled = true;
        process.nextTick(flush);
      }
    }
  } finally {
    // The last chunks leave with the end of the response (one write, not two).
    const out = take();
    if (out) res.end(out);
    else res.end();
  }
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
      const request = new Request(url, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: hasBody ? await readBody(req) : undefined,
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
      // No flushHeaders(): the headers leave with the first chunk, one socket write instead of two.
      res.writeHead(response.status, headers);
      await pipeCoalesced(response.body, res);
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

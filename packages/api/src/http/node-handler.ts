import type { IncomingMessage, ServerResponse } from "node:http";
import { createApiHandler, type HandlerOptions } from "./handler";

function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    // A plain Uint8Array view (no copy): DOM's BodyInit typing does not accept Node's Buffer.
    req.on("end", () => {
      const buf = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      resolve(new Uint8Array(buf.buffer as ArrayBuffer, buf.byteOffset, buf.byteLength));
    });
    req.on("error", reject);
  });
}

/** Streamed answers: tRPC's JSON-lines batch stream (asked for by the client) or an event stream. */
function isStreamed(req: IncomingMessage, response: Response): boolean {
  return req.headers["trpc-accept"] === "application/jsonl" || (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
}

export type NodeApiHandler = (req: IncomingMessage, res: ServerResponse, extraHeaders?: Record<string, string>) => Promise<void>;

/**
 * The API as a node:http request listener: the same fetch handler (router, context, auth,
 * Retry-After) every host mounts, without a framework in between. apps/web/server.ts puts it in
 * front of Next for the machine procedures (gateway.*, instance.*), where Next's routing cost more
 * than the gateway itself.
 */
export function createNodeApiHandler(opts: HandlerOptions): NodeApiHandler {
  const handle = createApiHandler(opts);
  return async (req, res, extraHeaders) => {
    try {
      const url = `http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`;
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      // A caller that goes away aborts the request: a streamed model call stops its upstream
      // instead of generating (and paying for) an answer nobody reads.
      const gone = new AbortController();
      res.once("close", () => {
        if (!res.writableFinished) gone.abort(new Error("the caller went away"));
      });
      // Bodies are read whole (model calls are JSON documents): cheaper per call than Readable.toWeb.
      const request = new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body: hasBody ? await readBody(req) : undefined, signal: gone.signal });
      const response = await handle(request);
      const headers = { ...Object.fromEntries(response.headers), ...extraHeaders };
      if (!response.body) return void res.writeHead(response.status, headers).end();
      if (!isStreamed(req, response)) {
        // One answer, one write: headers and body leave in a single packet with Content-Length.
        const buf = Buffer.from(await response.arrayBuffer());
        headers["content-length"] = String(buf.length);
        delete headers["transfer-encoding"];
        return void res.writeHead(response.status, headers).end(buf);
      }
      // Every chunk is written as soon as it is produced, so the first event is not held back.
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
  };
}

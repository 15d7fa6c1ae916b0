import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Listening {
  server: Server;
  host: string;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Hosts the fakes may bind to: they only ever serve loopback (see ENVIRONMENT.md). */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

/**
 * Starts a keep-alive node:http server. Handler errors become a 500 instead of an unhandled
 * rejection, so one broken test request cannot take the whole fake down.
 */
export async function listen(handler: Handler, port = 0, host = "127.0.0.1"): Promise<Listening> {
  if (!isLoopback(host)) throw new Error(`fakes bind to loopback only, got host ${host}`);
  const server = createServer({ keepAlive: true, keepAliveTimeout: 65_000 }, (req, res) => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => failRequest(res, err));
  });
  // Default timeouts would cut slow SSE streams and "hang" faults in ways tests do not expect.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return { server, host, port: bound, url: `http://${urlHost}:${bound}`, close: () => closeServer(server) };
}

function failRequest(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, 500, { error: { type: "api_error", message: `fake crashed: ${String(err)}` } });
}

/** Closes the server and every kept-alive or hanging socket, so tests never wait on timeouts. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (!auth || !auth.toLowerCase().startsWith("bearer ")) return undefined;
  const token = auth.slice(7).trim();
  return token || undefined;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Random id in Stripe/Anthropic style (`prefix_` + base62), unique enough for a test run. */
export function randomId(prefix: string, length = 24): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * 62)];
  return `${prefix}${out}`;
}

import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";

/**
 * A `fetch` for the upstream SDKs on node:http with keep-alive agents. Node's built-in fetch adds
 * about 2 ms per call on loopback here (measured with the fake upstream); this path is what the
 * hot path's latency budget allows. It honours the SDKs' AbortSignal (their timeouts).
 */
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 30_000 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 30_000 }),
};

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init?.headers).forEach((v, k) => (out[k] = v));
  return out;
}

export function nodeFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  const lib = url.protocol === "https:" ? https : http;
  const body = init?.body;
  if (body !== undefined && body !== null && typeof body !== "string" && !(body instanceof Uint8Array)) {
    return fetch(input, init); // streams/forms: not on our hot path
  }
  return new Promise((resolve, reject) => {
    const signal = init?.signal ?? undefined;
    const req = lib.request(
      url,
      { method: init?.method ?? "GET", headers: headersOf(init), agent: url.protocol === "https:" ? agents.https : agents.http, signal },
      (res) => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
          else if (v !== undefined) headers.set(k, v);
        }
        const status = res.statusCode ?? 500;
        const meta = { status, statusText: res.statusMessage, headers };
        if (status === 204 || status === 304 || init?.method === "HEAD") return resolve(new Response(null, meta));
        if (String(res.headers["content-type"] ?? "").includes("text/event-stream")) {
          return resolve(new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, meta));
        }
        // JSON answers are small: buffering them is far cheaper than a web stream per response.
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(new BufferedResponse(Buffer.concat(chunks), url.href, meta) as unknown as Response));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body ?? undefined);
  });
}

/**
 * The part of Response the SDKs use for a JSON answer (status, headers, json/text). A real
 * Response costs about a millisecond per call here, because its body goes through web streams.
 */
class BufferedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly body = null;
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly type = "basic";

  constructor(
    private readonly buf: Buffer,
    readonly url: string,
    meta: { status: number; statusText?: string; headers: Headers },
  ) {
    this.status = meta.status;
    this.statusText = meta.statusText ?? "";
    this.headers = meta.headers;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  async text(): Promise<string> {
    return this.buf.toString("utf8");
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.buf.toString("utf8"));
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return new Uint8Array(this.buf).buffer;
  }
  clone(): BufferedResponse {
    return new BufferedResponse(this.buf, this.url, this);
  }
}

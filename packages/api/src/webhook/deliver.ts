import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { isAllowedAddress, safeLookup } from "./safe-target";
import { SIGNATURE_HEADER, signPayload } from "./signature";

/** Waits before the 2nd, 3rd and 4th attempt: a receiver that is down for a minute still gets it. */
export const BACKOFF_MS = [2_000, 10_000, 60_000];
const TIMEOUT_MS = 5_000;

export interface DeliveryOptions {
  url: string;
  secret: string;
  body: string;
  /** Injected in tests: the real one waits. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  backoffMs?: number[];
  /** Demo mode and tests: a receiver on this machine's loopback is allowed. */
  allowLoopback?: boolean;
}

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  status: number | null;
  error: string | null;
}

/** A 5xx, 429, timeout or refused connection is worth retrying; another 4xx will not change. */
const retryable = (status: number | null) => status === null || status === 429 || status >= 500;

/** POSTs a signed JSON body, retrying with backoff; each attempt is signed afresh (new timestamp). */
export async function deliverWebhook(o: DeliveryOptions): Promise<DeliveryResult> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const backoff = o.backoffMs ?? BACKOFF_MS;
  let last: DeliveryResult = { ok: false, attempts: 0, status: null, error: null };
  for (let attempt = 1; attempt <= backoff.length + 1; attempt++) {
    if (attempt > 1) await sleep(backoff[attempt - 2]!);
    const t = Math.floor((o.now?.() ?? Date.now()) / 1000);
    try {
      const status = await post(o.url, { "content-type": "application/json", [SIGNATURE_HEADER]: signPayload(o.secret, o.body, t), "user-agent": "BaaS-Webhook/1" }, o.body, o.allowLoopback ?? false);
      const ok = status >= 200 && status < 300;
      last = { ok, attempts: attempt, status, error: ok ? null : `HTTP ${status}` };
    } catch (e) {
      last = { ok: false, attempts: attempt, status: null, error: e instanceof Error ? e.message.slice(0, 200) : String(e) };
      // A target that is not public will not become public by waiting.
      if ((e as { code?: string }).code === "EBLOCKED") return last;
    }
    if (last.ok || !retryable(last.status)) return last;
  }
  return last;
}

/**
 * One POST; the status code. Redirects are not followed (a 3xx is an answer), the connection goes
 * only to a public address (safe-target.ts), and the whole exchange is bounded by TIMEOUT_MS.
 */
function post(url: string, headers: Record<string, string>, body: string, allowLoopback: boolean): Promise<number> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && !isAllowedAddress(host, allowLoopback)) {
    return Promise.reject(Object.assign(new Error(`webhook address ${host} is private or reserved`), { code: "EBLOCKED" }));
  }
  const lib = u.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(u, { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, lookup: safeLookup(allowLoopback), timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

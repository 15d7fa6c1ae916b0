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
      const res = await fetch(o.url, {
        method: "POST",
        headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signPayload(o.secret, o.body, t), "user-agent": "BaaS-Webhook/1" },
        body: o.body,
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      last = { ok: res.ok, attempts: attempt, status: res.status, error: res.ok ? null : `HTTP ${res.status}` };
    } catch (e) {
      last = { ok: false, attempts: attempt, status: null, error: e instanceof Error ? e.message.slice(0, 200) : String(e) };
    }
    if (last.ok || !retryable(last.status)) return last;
  }
  return last;
}

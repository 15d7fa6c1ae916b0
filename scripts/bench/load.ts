/**
 * A closed-loop load generator on node:http with keep-alive: `concurrency` workers each send the
 * next request as soon as the previous answer has fully arrived, for `durationMs`.
 */
import http from "node:http";

export interface Target {
  /** More than one: worker w sends to url[w % n], the way a load balancer spreads connections. */
  url: URL | URL[];
  headers: Record<string, string>;
  /** Per-request headers on top (e.g. the plugin's per-call context header). */
  headersFor?: (i: number) => Record<string, string>;
  body: (i: number) => string;
  /** Marker of the first token in the response body (streaming TTFT). */
  firstTokenMarker: string | null;
  /** A response counts as failed if its status is not 200 or this test fails. */
  ok?: (body: string) => boolean;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  ttftP50: number | null;
  errors: number;
  firstError: string | null;
  /** Requests completed, warm-up included (for CPU per call over the whole cell). */
  total: number;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

/** A request that gets no answer in this long fails, so a stalled target cannot hang the bench. */
const REQUEST_TIMEOUT_MS = 30_000;

function once(agent: http.Agent, url: URL, t: Target, i: number): Promise<{ ms: number; ttft: number | null; ok: boolean; err?: string }> {
  const start = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e6;
  const payload = t.body(i);
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { method: "POST", agent, headers: { ...t.headers, ...t.headersFor?.(i), "content-type": "application/json", "content-length": Buffer.byteLength(payload) } },
      (res) => {
        let text = "";
        let ttft: number | null = null;
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          text += c;
          if (ttft === null && t.firstTokenMarker && text.includes(t.firstTokenMarker)) ttft = elapsed();
        });
        res.on("end", () => {
          const ok = res.statusCode === 200 && (t.ok ? t.ok(text) : true);
          resolve({ ms: elapsed(), ttft, ok, err: ok ? undefined : `${res.statusCode}: ${text.slice(0, 300)}` });
        });
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.on("error", (e) => resolve({ ms: elapsed(), ttft: null, ok: false, err: e.message }));
    req.end(payload);
  });
}

export async function runLoad(t: Target, concurrency: number, durationMs: number, warmupMs: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let seq = 0;
  const lat: number[] = [];
  const ttfts: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let total = 0;
  const t0 = performance.now();
  const measureFrom = t0 + warmupMs;
  const end = measureFrom + durationMs;
  const urls = Array.isArray(t.url) ? t.url : [t.url];
  const worker = async (w: number) => {
    const url = urls[w % urls.length]!;
    while (performance.now() < end) {
      const r = await once(agent, url, t, seq++);
      total++;
      if (performance.now() < measureFrom) continue;
      if (!r.ok) {
        errors++;
        firstError ??= r.err ?? "failed";
        continue;
      }
      lat.push(r.ms);
      if (r.ttft !== null) ttfts.push(r.ttft);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  agent.destroy();
  lat.sort((a, b) => a - b);
  ttfts.sort((a, b) => a - b);
  const r2 = (n: number) => Math.round(n * 100) / 100;
  return {
    rps: Math.round(lat.length / (durationMs / 1000)),
    p50: r2(pct(lat, 50)),
    p95: r2(pct(lat, 95)),
    p99: r2(pct(lat, 99)),
    ttftP50: t.firstTokenMarker && ttfts.length ? r2(pct(ttfts, 50)) : null,
    errors,
    firstError,
    total,
  };
}

import { startFakeLlm } from "./fake-llm";
import { startFakeResend, type FakeResend } from "./fake-resend";
import { startFakeStripe } from "./fake-stripe";
import type { FakeLlm } from "./llm-types";
import type { FakeStripe } from "./stripe-types";

export interface FakesOptions {
  host?: string;
  /** Each fake starts only when its port is given (0 = any free port). */
  llmPort?: number;
  stripePort?: number;
  resendPort?: number;
  latencyMs?: number;
  chunkDelayMs?: number;
  webhookUrl?: string;
  webhookSecret?: string;
}

export interface RunningFakes {
  llm?: FakeLlm;
  stripe?: FakeStripe;
  resend?: FakeResend;
  /** `{ llm: url, stripe: url, resend: url }` for the fakes that run. */
  urls: Record<string, string>;
  close(): Promise<void>;
}

/** Starts the requested fakes together (demo mode, benchmarks, the CLI); all or none. */
export async function startFakes(o: FakesOptions): Promise<RunningFakes> {
  const started: Array<{ close(): Promise<void> }> = [];
  const track = <T extends { close(): Promise<void> }>(f: T): T => (started.push(f), f);
  const closeAll = async () => void (await Promise.allSettled(started.map((f) => f.close())));
  try {
    const llm = o.llmPort === undefined ? undefined : track(await startFakeLlm({
      port: o.llmPort, host: o.host, latencyMs: o.latencyMs, chunkDelayMs: o.chunkDelayMs,
    }));
    const stripe = o.stripePort === undefined ? undefined : track(await startFakeStripe({
      port: o.stripePort, host: o.host, webhookUrl: o.webhookUrl, webhookSecret: o.webhookSecret,
    }));
    const resend = o.resendPort === undefined ? undefined : track(await startFakeResend({ port: o.resendPort, host: o.host }));
    const urls: Record<string, string> = {};
    if (llm) urls.llm = llm.url;
    if (stripe) urls.stripe = stripe.url;
    if (resend) urls.resend = resend.url;
    return { llm, stripe, resend, urls, close: closeAll };
  } catch (err) {
    await closeAll(); // e.g. one port taken: release the others before failing
    throw err;
  }
}

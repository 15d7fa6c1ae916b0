/**
 * The app exactly as `npm start` serves it: the production Next build behind apps/web/server.ts
 * (whose fast path serves gateway.*), with PostgreSQL and Redis. One OS process per call.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { freePort } from "@baas/testkit";
import { wrap, type Child } from "./children";

export interface AppOptions {
  repoRoot: string;
  databaseUrl: string;
  redisUrl: string;
  /** Shared by every process of one deployment (they share budgets and windows in Redis). */
  redisPrefix: string;
  encryptionKeyB64: string;
  cpuProfileDir?: string;
  readyTimeoutMs?: number;
}

export async function startApp(o: AppOptions): Promise<{ child: Child; trpcUrl: string }> {
  const port = await freePort();
  const webDir = join(o.repoRoot, "apps", "web");
  const flags = o.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${o.cpuProfileDir}`] : [];
  const proc = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", ...flags, join(webDir, "server.ts")], {
    cwd: webDir,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: o.databaseUrl,
      REDIS_URL: o.redisUrl,
      REDIS_KEY_PREFIX: o.redisPrefix,
      BAAS_ENCRYPTION_KEY: o.encryptionKeyB64,
      AUTH_SECRET: randomBytes(24).toString("hex"),
      BAAS_DEMO_MODE: "false",
      RESEND_API_KEY: "",
    },
  });
  const child = wrap(proc);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (o.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`apps/web/server.ts exited with ${proc.exitCode} before answering (is apps/web built? see the output above)`);
    const ok = await fetch(`${base}/api/trpc/health.ping`).then((r) => r.ok, () => false);
    if (ok) return { child, trpcUrl: `${base}/api/trpc` };
    await new Promise((r) => setTimeout(r, 250));
  }
  await child.stop();
  throw new Error(`apps/web/server.ts did not answer /api/trpc/health.ping within ${(o.readyTimeoutMs ?? 60_000) / 1000} s`);
}

/**
 * Calls through a fresh process before it is measured. A Redis namespace seen for the first
 * time starts an epoch in which new budget counters admit nothing for one lease (~6 s: the wait
 * that lets processes put back the holds of calls in flight when Redis was emptied); a deployment
 * pays it once at its first start, so the bench pays it here rather than inside a measured cell.
 */
export async function primeApp(trpcUrl: string, instanceKey: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  let n = 0;
  const call = () =>
    fetch(`${trpcUrl}/gateway.complete`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${instanceKey}` },
      body: JSON.stringify({ json: { provider: "anthropic", request: { model: "claude-sonnet-4-5", max_tokens: 16, messages: [{ role: "user", content: "prime" }] }, context: { agentId: "lobo", sessionKey: `agent:lobo:whatsapp:group:1203630${n % 16}@g.us`, callId: `bench-prime-${Date.now()}-${n++}` } } }),
      signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
    }).catch((e: Error) => ({ ok: false, status: 0, text: async () => e.message }));
  for (;;) {
    if (Date.now() >= deadline) throw new Error(`the app at ${trpcUrl} served no gateway call within ${timeoutMs / 1000} s (last answer ${last})`);
    const res = await call();
    if (res.ok) break;
    last = `${res.status}: ${(await res.text()).slice(0, 300)}`;
    await new Promise((r) => setTimeout(r, 250));
  }
  // Then a few hundred calls, 8 at a time, so the first measured cell does not pay the JIT's
  // warm-up of a process that has just started (a deployment's processes run warm).
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let i = 0; i < 40 && Date.now() < deadline; i++) await (await call()).text();
  }));
}

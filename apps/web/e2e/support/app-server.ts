/** Starts the production build (apps/web/server.ts, as `npm start` does) on a free loopback port against the test database. */
import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@baas/testkit";

export { freePort };

export const webRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface AppServer {
  url: string;
  logs: string[];
  close(): Promise<void>;
}

export async function startApp(env: Record<string, string>): Promise<AppServer> {
  if (!existsSync(join(webRoot, ".next", "BUILD_ID"))) throw new Error("apps/web is not built: run `pnpm --filter @baas/web build` (npm test does)");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  // The same server `npm start` runs (apps/web/server.ts), so the client address is the socket's.
  const child: ChildProcess = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", join(webRoot, "server.ts")], {
    cwd: webRoot,
    // Its own Redis key prefix: test files (and runs minutes apart) share one Redis, and the sign-in
    // limits per client address (all 127.0.0.1 here, 30 per 15 minutes) must not carry over from one
    // server to the next: a second run inside the window found them spent and signed nobody in.
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", APP_URL: url, PORT: String(port), HOST: "127.0.0.1", REDIS_KEY_PREFIX: `baas:e2e-${randomBytes(6).toString("hex")}:`, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => logs.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => logs.push(d.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the web server exited (${child.exitCode}):\n${logs.join("")}`);
    const ok = await fetch(`${url}/api/trpc/health.ping`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    logs,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

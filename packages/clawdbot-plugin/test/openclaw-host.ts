/**
 * Runs a real OpenClaw gateway (the npm package this package pins) headless on loopback, in a
 * private HOME/state/config, and sends it turns with `openclaw agent --session-key … --json`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { freePort } from "@baas/testkit";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const OPENCLAW = join(PACKAGE_DIR, "node_modules", "openclaw", "openclaw.mjs");
const ANSI = /\u001b\[[0-9;]*m/g;

export { freePort };

export interface OpenClawHost {
  dir: string;
  port: number;
  /** Gateway output so far, colours stripped. */
  log(): string;
  writeConfig(config: Record<string, unknown>): void;
  waitForLog(pattern: RegExp, timeoutMs: number, from?: number): Promise<void>;
  turn(sessionKey: string, message: string): Promise<{ text: string; json: any; ms: number }>;
  stop(): Promise<void>;
}

export async function startOpenClaw(dir: string, config: (port: number, token: string) => Record<string, unknown>): Promise<OpenClawHost> {
  const port = await freePort();
  const token = `tok-${Math.random().toString(36).slice(2)}`;
  for (const d of ["home", "state", "ws"]) mkdirSync(join(dir, d), { recursive: true });
  const configPath = join(dir, "openclaw.json");
  const writeConfig = (c: Record<string, unknown>) => writeFileSync(configPath, JSON.stringify(c, null, 2));
  writeConfig(config(port, token));
  // OpenClaw skips its state-dir lock under NODE_ENV=test / VITEST (CLAWDBOT.md): run it as in production.
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: join(dir, "home"), OPENCLAW_STATE_DIR: join(dir, "state"), OPENCLAW_CONFIG_PATH: configPath, OPENCLAW_GATEWAY_TOKEN: token, NO_COLOR: "1" };
  for (const k of ["NODE_ENV", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "VITEST_MODE", "TEST"]) delete env[k];
  let out = "";
  const child: ChildProcess = spawn(process.execPath, [OPENCLAW, "gateway", "run", "--port", String(port), "--bind", "loopback"], { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d: Buffer) => (out += d.toString().replace(ANSI, "")));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString().replace(ANSI, "")));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));

  const host: OpenClawHost = {
    dir,
    port,
    log: () => out,
    writeConfig,
    async waitForLog(pattern, timeoutMs, from = 0) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out.slice(from))) {
        if (child.exitCode !== null) throw new Error(`openclaw gateway exited (${child.exitCode}):\n${out.slice(-3000)}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${out.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    turn: (sessionKey, message) => runTurn(env, sessionKey, message),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 8_000);
      await exited;
      clearTimeout(t);
    },
  };
  try {
    await host.waitForLog(/\[gateway\]\s+ready/, 150_000);
  } catch (e) {
    await host.stop(); // never leave a gateway behind when start-up fails
    throw e;
  }
  return host;
}

function runTurn(env: NodeJS.ProcessEnv, sessionKey: string, message: string): Promise<{ text: string; json: any; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [OPENCLAW, "agent", "--session-key", sessionKey, "--message", message, "--json", "--timeout", "120"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => p.kill("SIGKILL"), 150_000);
    p.once("exit", (code) => {
      clearTimeout(timer);
      try {
        const json = JSON.parse(stdout.slice(stdout.indexOf("{")));
        const payloads: Array<{ text?: string }> = json.result?.payloads ?? [];
        const text = payloads.map((x) => x.text ?? "").join("\n");
        // Printed even when the suite's retry then passes: the empty turn seen under load is unexplained.
        if (!text) console.error(`[plugin e2e] empty turn for ${sessionKey} (exit ${code}): ${stdout.slice(-1500)}\n${stderr.slice(-1500).replace(ANSI, "")}`);
        resolve({ text, json, ms: Date.now() - started });
      } catch {
        reject(new Error(`openclaw agent exited ${code}: ${stdout.slice(-1500)}\n${stderr.slice(-1500).replace(ANSI, "")}`));
      }
    });
  });
}

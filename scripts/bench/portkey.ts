import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import type { createRequire } from "node:module";
import { wrap, type Child } from "./children";

/**
 * The open-source Portkey gateway (npm @portkey-ai/gateway), headless, on a free port. Ready when
 * its root route answers.
 */
export async function startPortkey(require: ReturnType<typeof createRequire>): Promise<{ url: string; child: Child }> {
  const pkg = require.resolve("@portkey-ai/gateway/package.json");
  const entry = join(dirname(pkg), "build", "start-server.js");
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const proc = spawn(process.execPath, [entry, `--port=${port}`, "--headless"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  const child = wrap(proc);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`portkey exited with ${proc.exitCode}`);
    const ok = await fetch(url).then((r) => r.ok).catch(() => false);
    if (ok) return { url, child };
    await new Promise((r) => setTimeout(r, 200));
  }
  await child.stop();
  throw new Error("portkey did not answer within 20 s");
}

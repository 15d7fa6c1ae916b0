/**
 * Builds the Next.js app once (turbo caches the build afterwards, so later starts skip it) and
 * runs apps/web/server.ts (Next's handler behind a node:http server that knows the client's real
 * address) in production mode as a child whose lifetime is the start script's.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { StartupError } from "./start-env";

export function buildWeb(repoRoot: string, env: NodeJS.ProcessEnv): void {
  console.error("[baas] building the web app (cached by turbo after the first build)");
  const r = spawnSync(
    "pnpm",
    ["exec", "turbo", "run", "build", "--filter=@baas/web", "--output-logs=new-only"],
    { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"], env: { ...env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" } },
  );
  if (r.status !== 0) throw new StartupError("building the web app failed (see the build output above)");
}

/** apps/web/server.ts runs on Node 24's type stripping: no build step, no loader. */
export function startWeb(repoRoot: string, port: number, env: NodeJS.ProcessEnv): ChildProcess {
  const webDir = join(repoRoot, "apps", "web");
  return spawn(process.execPath, ["--disable-warning=ExperimentalWarning", join(webDir, "server.ts")], {
    cwd: webDir,
    stdio: "inherit",
    env: { ...env, PORT: String(port) },
  });
}

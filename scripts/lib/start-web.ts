/**
 * Builds the Next.js app once (turbo caches the build afterwards, so later starts skip it) and
 * runs `next start` in production mode as a child whose lifetime is the start script's.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
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

/** Path of the `next` CLI as installed for apps/web. */
function nextBin(repoRoot: string): string {
  const webDir = join(repoRoot, "apps", "web");
  const require = createRequire(join(webDir, "package.json"));
  return join(require.resolve("next/package.json").replace(/package\.json$/, ""), "dist", "bin", "next");
}

export function startWeb(repoRoot: string, port: number, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin(repoRoot), "start", "--port", String(port)], {
    cwd: join(repoRoot, "apps", "web"),
    stdio: "inherit",
    env,
  });
}

/**
 * The browser suites drive Debian's Chromium (playwright cannot download browsers offline). On a
 * fresh machine of the project's kind it is not installed yet: as root, install it once from apt
 * before vitest starts; otherwise stop with one line that says how.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = "/usr/bin/chromium";
const INSTALL = "apt-get update && apt-get install -y chromium";

export interface ChromiumDeps {
  exists: (path: string) => boolean;
  isRoot: () => boolean;
  /** Runs a shell command quietly; its combined output is kept for the error message. */
  run: (command: string) => { ok: boolean; output: string };
  log: (line: string) => void;
}

const systemDeps: ChromiumDeps = {
  exists: existsSync,
  isRoot: () => process.getuid?.() === 0,
  run: (command) => {
    const r = spawnSync("sh", ["-c", command], { encoding: "utf8", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" }, maxBuffer: 64 * 1024 * 1024 });
    return { ok: r.status === 0, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
  },
  log: (line) => console.error(line),
};

export class ChromiumMissing extends Error {}

export function ensureChromium(path = CHROMIUM_PATH, deps: ChromiumDeps = systemDeps): "present" | "installed" {
  if (deps.exists(path)) return "present";
  if (!deps.isRoot()) throw new ChromiumMissing(`[baas] the browser tests need Chromium at ${path}: install it with \`sudo ${INSTALL.replace("&& apt-get", "&& sudo apt-get")}\``);
  deps.log(`[baas] Chromium is missing: installing it for the browser tests (${INSTALL})`);
  const r = deps.run(INSTALL);
  if (!r.ok || !deps.exists(path)) {
    const tail = r.output.trim().split("\n").slice(-5).join("\n");
    throw new ChromiumMissing(`[baas] installing Chromium failed; run \`${INSTALL}\` by hand:\n${tail}`);
  }
  return "installed";
}

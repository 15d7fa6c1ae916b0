import { describe, expect, it } from "vitest";
import { ChromiumMissing, ensureChromium, type ChromiumDeps } from "./chromium";

function machine(opts: { present: boolean; root: boolean; installWorks?: boolean }) {
  const state = { present: opts.present, commands: [] as string[], lines: [] as string[] };
  const deps: ChromiumDeps = {
    exists: () => state.present,
    isRoot: () => opts.root,
    run: (command) => {
      state.commands.push(command);
      if (opts.installWorks) state.present = true;
      return { ok: Boolean(opts.installWorks), output: opts.installWorks ? "done" : "E: Unable to locate package chromium" };
    },
    log: (line) => void state.lines.push(line),
  };
  return { deps, state };
}

describe("Chromium for the browser suites", () => {
  it("does nothing when it is already installed", () => {
    const { deps, state } = machine({ present: true, root: true });
    expect(ensureChromium("/usr/bin/chromium", deps)).toBe("present");
    expect(state.commands).toEqual([]);
    expect(state.lines).toEqual([]);
  });

  it("as root on a fresh machine: installs it from apt once, saying so in one line", () => {
    const { deps, state } = machine({ present: false, root: true, installWorks: true });
    expect(ensureChromium("/usr/bin/chromium", deps)).toBe("installed");
    expect(state.commands).toEqual(["apt-get update && apt-get install -y chromium"]);
    expect(state.lines).toHaveLength(1);
    expect(ensureChromium("/usr/bin/chromium", deps)).toBe("present");
    expect(state.commands).toHaveLength(1);
  });

  it("without root: fails with one line naming the install command", () => {
    const { deps, state } = machine({ present: false, root: false });
    expect(() => ensureChromium("/usr/bin/chromium", deps)).toThrow(ChromiumMissing);
    expect(() => ensureChromium("/usr/bin/chromium", deps)).toThrow(/need Chromium at \/usr\/bin\/chromium: install it with `sudo apt-get update && sudo apt-get install -y chromium`$/);
    expect(state.commands).toEqual([]);
  });

  it("when apt fails: stops with apt's own last words", () => {
    const { deps } = machine({ present: false, root: true, installWorks: false });
    expect(() => ensureChromium("/usr/bin/chromium", deps)).toThrow(/installing Chromium failed[\s\S]*Unable to locate package chromium/);
  });
});

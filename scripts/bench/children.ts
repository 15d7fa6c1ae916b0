import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

export interface Child {
  proc: ChildProcess;
  /** Resident memory of the process now, in MB (Linux /proc). */
  rssMb(): number | null;
  /** CPU time (user + system) the process has used so far, in ms (Linux /proc). */
  cpuMs(): number | null;
  stop(): Promise<void>;
}

/** Starts a process and resolves with the first stdout line that parses as JSON. */
export function startJsonChild<T>(cmd: string, args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<{ child: Child; info: T }> {
  const proc = spawn(cmd, args, { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(" ")} did not become ready`)), timeoutMs);
    proc.once("exit", (code) => reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`)));
    const rl = createInterface({ input: proc.stdout! });
    rl.on("line", (line) => {
      try {
        const info = JSON.parse(line) as T;
        clearTimeout(timer);
        resolve({ child: wrap(proc), info });
      } catch {
        // not the ready line
      }
    });
  });
}

/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

export function wrap(proc: ChildProcess): Child {
  return {
    proc,
    rssMb() {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, "utf8"));
        return m ? Math.round(Number(m[1]) / 1024) : null;
      } catch {
        return null;
      }
    },
    cpuMs() {
      try {
        // Fields 14 and 15 (utime, stime) in clock ticks, counted after the command name's ")".
        const f = readFileSync(`/proc/${proc.pid}/stat`, "utf8").split(")").at(-1)!.trim().split(" ");
        return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
      } catch {
        return null;
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
        setTimeout(() => proc.kill("SIGKILL"), 3_000).unref();
      }),
  };
}

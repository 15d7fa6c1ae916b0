/**
 * Makes sure PostgreSQL and Redis answer on this machine, starting them with the commands the
 * machine was provisioned with when they do not (ENVIRONMENT.md). Used by `npm test` and bench.
 */
import { execSync, spawnSync } from "node:child_process";
import net from "node:net";

function portOpen(port: number, host = "127.0.0.1", timeoutMs = 800): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function waitForPort(port: number, label: string, seconds = 30): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${label} did not come up on 127.0.0.1:${port} within ${seconds}s`);
}

function run(cmd: string): void {
  const r = spawnSync("sh", ["-c", cmd], { stdio: "inherit" });
  if (r.status !== 0) console.error(`[baas] command failed (${r.status}): ${cmd}`);
}

export async function ensurePostgres(): Promise<void> {
  if (await portOpen(5432)) return;
  console.error("[baas] PostgreSQL is not answering on 5432: starting it");
  const version = execSync("ls /etc/postgresql", { encoding: "utf8" }).trim().split("\n")[0];
  run(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`);
  await waitForPort(5432, "PostgreSQL");
}

export async function ensureRedis(): Promise<void> {
  if (await portOpen(6379)) return;
  console.error("[baas] Redis is not answering on 6379: starting it");
  run(
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
  );
  await waitForPort(6379, "Redis");
}

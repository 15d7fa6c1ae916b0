/**
 * The operator README, run as written on a clean OpenClaw: `pnpm pack` (its prepack builds
 * dist/), the README's install command, its config entry (only the gateway URL and instance key
 * filled in), its enable command, then one `--local` turn with no gateway ever started. The turn
 * must be answered through BaaS and recorded, and the host's own provider (pointed at a bypass
 * detector) must see nothing.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "@baas/api";
import { getDb, parseEncryptionKey } from "@baas/db";
import { createGatewayEngine, createMemoryHotStore, type GatewayEngine } from "@baas/gateway";
import { createGatewayFixture, type GatewayFixture } from "@baas/gateway/testing";
import { startFakeLlm, type FakeLlm } from "@baas/testkit";
import { PROVIDER_ENTRIES } from "../src/provision";
import { PACKAGE_DIR } from "./openclaw-host";

const db = getDb(process.env.DATABASE_URL!);
const OPENCLAW = join(PACKAGE_DIR, "node_modules", "openclaw", "openclaw.mjs");
const README = readFileSync(join(PACKAGE_DIR, "README.md"), "utf8");
const GROUP = `120363${Date.now()}55@g.us`;

/** The first fenced block of a language after a heading of the README. */
function fencedAfter(heading: string, lang: string): string {
  const from = README.indexOf(`\n${heading}\n`);
  if (from < 0) throw new Error(`README has no "${heading}" section`);
  const open = README.indexOf("```" + lang + "\n", from);
  const close = README.indexOf("\n```", open + 3 + lang.length);
  return README.slice(open + 4 + lang.length, close);
}

/** The README's JSON5 snippet is a JavaScript object literal once its line comments are gone. */
function readConfigSnippet(): { plugins: { entries: { baas: { config: Record<string, unknown> } & Record<string, unknown> } }; models: { providers: Record<string, unknown> } } {
  const text = fencedAfter("## Configure", "json5").replace(/\s\/\/.*$/gm, "");
  return new Function(`return (${text});`)() as ReturnType<typeof readConfigSnippet>;
}

let fake: FakeLlm;
let detector: FakeLlm;
let fx: GatewayFixture;
let engine: GatewayEngine;
let server: ApiServer;
let dir: string;
let env: NodeJS.ProcessEnv;

/**
 * A shell line of the README, with `openclaw` being the pinned package's CLI. Asynchronous: the
 * control plane answering the plugin runs in this process.
 */
function sh(line: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("bash", ["-c", `openclaw() { "${process.execPath}" "${OPENCLAW}" "$@"; }\n${line}`], { cwd, env, encoding: "utf8", timeout: 180_000, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`"${line}" failed (${err.message}):\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

beforeAll(async () => {
  fake = await startFakeLlm();
  detector = await startFakeLlm();
  fx = await createGatewayFixture(db, { llmUrl: fake.url, encryptionKey: parseEncryptionKey(process.env.BAAS_ENCRYPTION_KEY!), currency: "USD" });
  engine = createGatewayEngine({ db, hot: createMemoryHotStore(), encryptionKey: parseEncryptionKey(process.env.BAAS_ENCRYPTION_KEY!), accountNamePrefix: fx.accountPrefix, configTtlMs: 0, notifier: { notify: () => undefined } });
  server = await startApiServer({ services: { db, gateway: engine } });
  dir = mkdtempSync(join(tmpdir(), "baas-readme-install-"));
  for (const d of ["home", "state", "ws"]) mkdirSync(join(dir, d));
  env = { ...process.env, HOME: join(dir, "home"), OPENCLAW_STATE_DIR: join(dir, "state"), OPENCLAW_CONFIG_PATH: join(dir, "openclaw.json"), NO_COLOR: "1", ANTHROPIC_API_KEY: "host-own-anthropic-key" };
  // OpenClaw relaxes its state handling under test runners (CLAWDBOT.md): run it as in production.
  for (const k of ["NODE_ENV", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "VITEST_MODE", "TEST"]) delete env[k];
  // The host before the plugin: one agent on an Anthropic model, its own provider on the detector.
  writeFileSync(env.OPENCLAW_CONFIG_PATH!, JSON.stringify({
    agents: { defaults: { model: "anthropic/claude-sonnet-4-5", workspace: join(dir, "ws") }, ownership: "explicit", entries: { lobo: { identity: { name: "Lobo" } } } },
    models: { mode: "merge", providers: { anthropic: { baseUrl: detector.url, api: "anthropic-messages", apiKey: "host-own-anthropic-key", models: [] } } },
  }));
}, 60_000);

afterAll(async () => {
  await server?.close();
  await engine?.close();
  await fake?.close();
  await detector?.close();
  if (fx) await db.tenant.delete({ where: { id: fx.tenant.id } }).catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the plugin README, run as written", () => {
  it("packs, installs, is configured with the README's entry, enabled, and answers a --local turn through BaaS", async () => {
    const pack = join(dir, "pack");
    mkdirSync(pack);
    execFileSync("pnpm", ["pack", "--pack-destination", pack], { cwd: PACKAGE_DIR, stdio: "ignore" });
    const tarball = readdirSync(pack).find((f) => f.endsWith(".tgz"))!;
    const install = fencedAfter("## Install", "bash").split("\n").filter((l) => l.trim().startsWith("openclaw "));
    expect(install.length).toBeGreaterThan(0);
    for (const line of install) {
      expect(line).toContain(`./${tarball}`);
      await sh(line, pack);
    }

    const snippet = readConfigSnippet();
    const entry = snippet.plugins.entries.baas;
    entry.config = { ...entry.config, gatewayUrl: server.trpcUrl, instanceKey: fx.instanceKey };
    const onDisk = JSON.parse(readFileSync(env.OPENCLAW_CONFIG_PATH!, "utf8"));
    onDisk.plugins.entries.baas = { ...onDisk.plugins.entries.baas, ...entry };
    // The README's provider entries are the ones the plugin would add itself.
    expect(snippet.models.providers).toEqual(PROVIDER_ENTRIES);
    onDisk.models.providers = { ...onDisk.models.providers, ...snippet.models.providers };
    writeFileSync(env.OPENCLAW_CONFIG_PATH!, JSON.stringify(onDisk, null, 2));
    const enable = README.match(/`(openclaw plugins enable baas)`/)?.[1];
    expect(enable).toBeTruthy();
    await sh(enable!, dir);

    const out = await sh(`openclaw agent --local --session-key "agent:lobo:whatsapp:group:${GROUP}" --channel whatsapp --message "hello from the README" --json`, dir);
    const parsed = JSON.parse(out.slice(out.indexOf("{")));
    // `--local` prints the run's result itself; through a gateway it is under `result`.
    const json = { result: parsed.result ?? parsed };
    expect(json.result?.payloads?.map((p: { text?: string }) => p.text).join("") ?? "", out.slice(-2000)).toMatch(/fake-reply/);
    expect(json.result?.meta?.agentMeta?.provider).toBe("baas");
  }, 300_000);

  it("recorded that turn in BaaS under the agent and group, and the host's own provider saw nothing", async () => {
    const rows = await db.usageEvent.findMany({ where: { tenantId: fx.tenant.id, agentId: { not: null } }, include: { agent: true, channel: true } });
    expect(rows.map((r) => [r.agent?.externalId, r.channel?.externalId, r.source])).toEqual([["lobo", GROUP, "GATEWAY"]]);
    expect(fake.requests.filter((q) => q.credential === fx.accounts.max1.credential).length).toBeGreaterThanOrEqual(1);
    expect(detector.requests.map((q) => `${q.path} ${JSON.stringify(q.body).slice(0, 200)}`)).toEqual([]);
  });
});

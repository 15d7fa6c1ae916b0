/**
 * BENCH_OPENCLAW=1: real OpenClaw turns, with and without the plugin. One OpenClaw gateway (the
 * npm package the plugin pins, headless on loopback, as the plugin's e2e suite runs it) with two
 * agents answering from the same fake upstream: `lobo` governed by the plugin (relay → baas-app),
 * `direto` left to the host's own Anthropic provider. Turns (`openclaw agent --session-key …`)
 * alternate between them in interleaved pairs, so both see the same machine load.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadavg } from "node:os";
import { PACKAGE_DIR, startOpenClaw } from "../../packages/clawdbot-plugin/test/openclaw-host";

export interface OpenClawRow {
  path: "openclaw-turn";
  plugin: boolean;
  turns: number;
  median_turn_ms: number;
  /** Median over the pairs of (with plugin − without), on the plugin row. */
  median_added_ms: number | null;
  load_1m: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};

function hostConfig(dir: string, o: { llmUrl: string; credential: string; trpcUrl: string; instanceKey: string }, port: number, token: string) {
  return {
    models: { mode: "merge", providers: { anthropic: { baseUrl: o.llmUrl, api: "anthropic-messages", apiKey: o.credential, models: [] } } },
    agents: {
      defaults: { model: "anthropic/claude-sonnet-4-5", workspace: join(dir, "ws") },
      ownership: "explicit",
      entries: { lobo: { identity: { name: "Lobo", emoji: "🐺" } }, direto: { identity: { name: "Direto", emoji: "➡️" } } },
    },
    plugins: {
      load: { paths: [PACKAGE_DIR] },
      entries: {
        baas: {
          enabled: true,
          hooks: { allowConversationAccess: true },
          // Only lobo is governed; config sync off so the bench's host config stays as written.
          config: { gatewayUrl: o.trpcUrl, instanceKey: o.instanceKey, agents: ["lobo"], configSync: false },
        },
      },
    },
    gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token } },
  };
}

export async function openclawRows(o: { llmUrl: string; credential: string; trpcUrl: string; instanceKey: string; pairs: number }): Promise<OpenClawRow[]> {
  execFileSync(process.execPath, [join(PACKAGE_DIR, "scripts", "build.mjs")], { stdio: "ignore" });
  const dir = mkdtempSync(join(tmpdir(), "baas-bench-openclaw-"));
  const host = await startOpenClaw(dir, (port, token) => hostConfig(dir, o, port, token));
  try {
    await host.waitForLog(/added models\.providers\.baas/, 60_000);
    const load = loadavg()[0]!;
    const turn = async (agent: string, i: number) => {
      const r = await host.turn(`agent:${agent}:whatsapp:group:1203630${i % 16}@g.us`, `Bom dia! Pergunta ${i}`);
      if (!r.text) throw new Error(`an OpenClaw turn of ${agent} came back empty: ${JSON.stringify(r.json).slice(0, 500)}`);
      return r.ms;
    };
    await turn("lobo", 99);
    await turn("direto", 99);
    const withPlugin: number[] = [];
    const without: number[] = [];
    for (let i = 0; i < o.pairs; i++) {
      // Alternating which goes first, so neither side always follows the other.
      if (i % 2 === 0) {
        withPlugin.push(await turn("lobo", i));
        without.push(await turn("direto", i));
      } else {
        without.push(await turn("direto", i));
        withPlugin.push(await turn("lobo", i));
      }
    }
    const added = median(withPlugin.map((w, i) => w - without[i]!));
    return [
      { path: "openclaw-turn", plugin: true, turns: withPlugin.length, median_turn_ms: median(withPlugin), median_added_ms: added, load_1m: Math.round(load * 100) / 100 },
      { path: "openclaw-turn", plugin: false, turns: without.length, median_turn_ms: median(without), median_added_ms: null, load_1m: Math.round(load * 100) / 100 },
    ];
  } finally {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

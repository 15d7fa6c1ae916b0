/**
 * The plugin's loopback relay in a process of its own (as in OpenClaw's), started with
 * `startRelay` the way the plugin starts it: its parsed config defaults, the tRPC control-plane
 * client, a usage spool. Prints `{"url", "token"}` once it listens.
 *
 *   node --import tsx scripts/bench/relay-server.ts TRPC_URL INSTANCE_KEY
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createControlPlane } from "../../packages/clawdbot-plugin/src/control-plane";
import { parsePluginConfig } from "../../packages/clawdbot-plugin/src/plugin-config";
import { startRelay } from "../../packages/clawdbot-plugin/src/relay";
import { UsageSpool } from "../../packages/clawdbot-plugin/src/spool";

const [gatewayUrl, instanceKey] = process.argv.slice(2);
if (!gatewayUrl || !instanceKey) throw new Error("usage: relay-server.ts TRPC_URL INSTANCE_KEY");
const parsed = parsePluginConfig({ gatewayUrl, instanceKey });
if (!parsed.ok) throw new Error(parsed.error);
const config = parsed.config;
const spool = new UsageSpool(join(mkdtempSync(join(tmpdir(), "baas-bench-relay-")), "usage-spool.jsonl"));
const relay = await startRelay({
  controlPlane: createControlPlane({ url: config.gatewayUrl, instanceKey: config.instanceKey }),
  config,
  spool: () => spool,
  log: (m) => console.error(`[relay] ${m}`),
});
process.stdout.write(`${JSON.stringify({ url: relay.url, token: relay.token })}\n`);
process.on("SIGTERM", () => void relay.close().then(() => process.exit(0)));

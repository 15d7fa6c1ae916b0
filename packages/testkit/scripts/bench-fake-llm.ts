/**
 * Throughput check of the fake LLM (the benchmark relies on it not being the bottleneck):
 *   node --import tsx packages/testkit/scripts/bench-fake-llm.ts [seconds=5] [concurrency=64]
 * The fake runs in its own process (the CLI) so client and server each get a core.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { Agent, request } from "node:http";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const seconds = Number(process.argv[2] ?? 5);
const concurrency = Number(process.argv[3] ?? 64);
const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));

function post(agent: Agent, url: URL, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers: { "x-api-key": "bench", "content-type": "application/json", "anthropic-version": "2023-06-01" } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function run(base: string, stream: boolean): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL("/v1/messages", base);
  const body = JSON.stringify({
    model: "claude-sonnet-4-5", max_tokens: 256, stream,
    system: [{ type: "text", text: "You are a helpful bot. ".repeat(40), cache_control: { type: "ephemeral" } }],
    messages: [{ role: "user", content: "Olá, qual é a previsão do tempo para amanhã em Lisboa?" }],
  });
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      await post(agent, url, body);
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return done / seconds;
}

const child = spawn(process.execPath, ["--import", "tsx", cli, "--llm-port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
const { llm } = JSON.parse(line) as { llm: string };
for (const stream of [false, true]) {
  const rps = await run(llm, stream);
  console.log(`${stream ? "stream" : "json  "}: ${Math.round(rps)} req/s (concurrency ${concurrency}, ${seconds}s)`);
}
child.kill("SIGTERM");

#!/usr/bin/env -S node --import tsx
/**
 * Runs the fakes as a process for `npm start` demo mode and the benchmark:
 *   node --import tsx packages/testkit/src/cli.ts --llm-port 18080 [--stripe-port 12111
 *     --resend-port 12112 --webhook-url URL --webhook-secret whsec_… --latency-ms N
 *     --chunk-delay-ms N --host 127.0.0.1]
 * Prints one JSON line with the URLs when ready; closes on SIGTERM/SIGINT.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startFakes, type FakesOptions } from "./start-fakes";

function port(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new Error(`--${name} must be a port number, got ${v}`);
  return n;
}

function ms(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${v}`);
  return n;
}

export function parseCliArgs(argv: string[]): FakesOptions {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      host: { type: "string" },
      "llm-port": { type: "string" },
      "stripe-port": { type: "string" },
      "resend-port": { type: "string" },
      "webhook-url": { type: "string" },
      "webhook-secret": { type: "string" },
      "latency-ms": { type: "string" },
      "chunk-delay-ms": { type: "string" },
    },
  });
  const o: FakesOptions = {
    host: v.host,
    llmPort: port("llm-port", v["llm-port"]),
    stripePort: port("stripe-port", v["stripe-port"]),
    resendPort: port("resend-port", v["resend-port"]),
    webhookUrl: v["webhook-url"],
    webhookSecret: v["webhook-secret"],
    latencyMs: ms("latency-ms", v["latency-ms"]),
    chunkDelayMs: ms("chunk-delay-ms", v["chunk-delay-ms"]),
  };
  if (o.llmPort === undefined && o.stripePort === undefined && o.resendPort === undefined) {
    throw new Error("nothing to start: give at least one of --llm-port, --stripe-port, --resend-port");
  }
  return o;
}

async function main(): Promise<void> {
  const fakes = await startFakes(parseCliArgs(process.argv.slice(2)));
  process.stdout.write(`${JSON.stringify(fakes.urls)}\n`);
  const stop = () => {
    fakes.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

/** Only run when executed (also through a symlinked bin), so tests can import parseCliArgs. */
function isMain(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && realpathSync(entry) === fileURLToPath(import.meta.url);
}

if (isMain()) {
  main().catch((err: unknown) => {
    process.stderr.write(`baas-fake-upstream: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

/**
 * Where a BaaS process spends its CPU, from the .cpuprofile files `BENCH_PROFILE_DIR` collects:
 * self time grouped by package (node_modules/<pkg>, our workspace packages, Node internals, GC)
 * and the top functions.
 *
 *   node --import tsx scripts/bench/profile-top.ts /tmp/prof [top=25]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [dir, topArg] = process.argv.slice(2);
if (!dir) throw new Error("usage: profile-top.ts DIR [top]");
const top = Number(topArg ?? 25);

function bucket(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const pkg = /\/(packages|apps)\/([^/]+)\//.exec(url);
  if (pkg) return `@baas/${pkg[2]}`;
  if (url.startsWith("node:")) return "node:internal";
  return url.includes(".next/") ? "next bundle" : url;
}

const byBucket = new Map<string, number>();
const byFn = new Map<string, number>();
let total = 0;
for (const f of readdirSync(dir).filter((n) => n.endsWith(".cpuprofile"))) {
  const p = JSON.parse(readFileSync(join(dir, f), "utf8")) as Profile;
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  p.samples.forEach((id, i) => {
    const n = nodes.get(id)!;
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const b = bucket(n.callFrame.url, n.callFrame.functionName);
    byBucket.set(b, (byBucket.get(b) ?? 0) + ms);
    const k = `${n.callFrame.functionName || "(anonymous)"} ${b}:${n.callFrame.lineNumber}`;
    byFn.set(k, (byFn.get(k) ?? 0) + ms);
  });
}
const show = (m: Map<string, number>) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, top).forEach(([k, ms]) => console.log(`${((ms / total) * 100).toFixed(1).padStart(5)} %  ${k}`));
console.log(`self time by package (${(total / 1000).toFixed(1)} s sampled):`);
show(byBucket);
console.log("\ntop functions (self time):");
show(byFn);

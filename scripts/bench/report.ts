/** The bench's rows, their table, and the targets checked against them. */
export type BenchPath = "direct" | "portkey" | "baas-app" | "baas-plugin";

export interface Row {
  path: BenchPath;
  /** BaaS processes serving (behind a load balancer when more than one); 0 on direct and portkey rows. */
  processes: number;
  streaming: boolean;
  concurrency: number;
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  ttft_p50_ms: number | null;
  /** Peak resident memory of the BaaS process(es), summed; Portkey's own for its rows. */
  rss_mb: number | null;
  /**
   * CPU (user + system) the BaaS process(es) spent per call over the cell, in ms: robust to a
   * shared machine's load where latency and rps are not. Portkey's own on its rows.
   */
  cpu_ms_per_call: number | null;
  /** The plugin relay's own process (the OpenClaw side) on baas-plugin rows. */
  relay_rss_mb?: number | null;
  errors: number;
  /** 1-minute load average of the machine when the cell started (the machine is shared). */
  load_1m: number;
}

export function printTable(rs: Row[]): void {
  const head = ["path", "procs", "stream", "conc", "rps", "p50 ms", "p95 ms", "p99 ms", "ttft p50", "rss MB", "cpu ms/call", "errors", "load"];
  const lines = rs.map((r) => [r.path, String(r.processes), String(r.streaming), String(r.concurrency), String(r.rps), String(r.p50_ms), String(r.p95_ms), String(r.p99_ms), String(r.ttft_p50_ms ?? "-"), String(r.rss_mb ?? "-"), String(r.cpu_ms_per_call ?? "-"), String(r.errors), r.load_1m.toFixed(2)]);
  const w = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padStart(w[i]!)).join("  ");
  console.log(fmt(head));
  for (const l of lines) console.log(fmt(l));
}

/** The markdown table the READMEs carry. */
export function markdownTable(rs: Row[]): string {
  const head = "| path | procs | stream | conc | rps | p50 ms | p95 ms | p99 ms | ttft p50 | rss MB | cpu ms/call | errors | load 1m |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |";
  const body = rs.map((r) => `| ${r.path} | ${r.processes} | ${r.streaming} | ${r.concurrency} | ${r.rps} | ${r.p50_ms} | ${r.p95_ms} | ${r.p99_ms} | ${r.ttft_p50_ms ?? "-"} | ${r.rss_mb ?? "-"} | ${r.cpu_ms_per_call ?? "-"} | ${r.errors} | ${r.load_1m.toFixed(2)} |`);
  return [head, ...body].join("\n");
}

/** Issue #14's targets, each with the figure of this run and met / missed. */
export function verdicts(rs: Row[]): string[] {
  const at = (path: BenchPath, streaming: boolean, c: number, processes = path.startsWith("baas") ? 1 : 0) => rs.find((r) => r.path === path && r.streaming === streaming && r.concurrency === c && r.processes === processes);
  const out: string[] = [];
  const check = (label: string, figure: number | undefined, ok: (v: number) => boolean, unit: string) => {
    if (figure === undefined || Number.isNaN(figure)) return void out.push(`${label}: not measured`);
    out.push(`${label}: ${figure.toFixed(2)} ${unit} — ${ok(figure) ? "met" : "MISSED"}`);
  };
  const d1s = at("direct", true, 1);
  const d1 = at("direct", false, 1);
  const ttft = (p: BenchPath) => { const r = at(p, true, 1); return r?.ttft_p50_ms != null && d1s?.ttft_p50_ms != null ? r.ttft_p50_ms - d1s.ttft_p50_ms : undefined; };
  check("baas-app streaming c=1 added TTFT p50 (<= 1 ms)", ttft("baas-app"), (v) => v <= 1, "ms");
  check("baas-plugin streaming c=1 added TTFT p50 (<= 2 ms)", ttft("baas-plugin"), (v) => v <= 2, "ms");
  const a1 = at("baas-app", false, 1);
  check("baas-app non-streaming c=1 added p50 (<= 2.5 ms)", a1 && d1 ? a1.p50_ms - d1.p50_ms : undefined, (v) => v <= 2.5, "ms");
  check("baas-app non-streaming c=1 added p99 (<= 6 ms)", a1 && d1 ? a1.p99_ms - d1.p99_ms : undefined, (v) => v <= 6, "ms");
  for (const streaming of [false, true]) {
    const a = at("baas-app", streaming, 32);
    const p = at("portkey", streaming, 32);
    const min = streaming ? 1_500 : 2_000;
    check(`baas-app ${streaming ? "streaming" : "non-streaming"} c=32 rps (>= ${min}, more than Portkey's ${p?.rps ?? "-"})`, a?.rps, (v) => v >= min && (!p || p.errors > 0 || v > p.rps), "rps");
    check(`baas-app ${streaming ? "streaming" : "non-streaming"} c=32 p99 (<= 40 ms)`, a?.p99_ms, (v) => v <= 40, "ms");
    check(`baas-app ${streaming ? "streaming" : "non-streaming"} c=128 RSS (<= 400 MB)`, at("baas-app", streaming, 128)?.rss_mb ?? undefined, (v) => v <= 400, "MB");
  }
  return out;
}

/**
 * The background side of the plugin (a host service): heartbeat, inventory, config sync
 * (long-poll) and replay of the fail-open usage spool whenever the control plane answers.
 */
import type { ControlPlane, InventoryReport } from "./control-plane";
import type { ConfigSync } from "./config-sync";
import type { UsageSpool } from "./spool";

export interface ReporterDeps {
  controlPlane: ControlPlane;
  spool: UsageSpool;
  configSync: ConfigSync | null;
  hostKind?: "OPENCLAW" | "CLAWDBOT";
  heartbeatSec: number;
  configPollMs: number;
  spoolReplaySec: number;
  hostVersion?: string;
  pluginVersion: string;
  inventory: () => InventoryReport;
  log: (m: string) => void;
}

export class Reporter {
  private timers: NodeJS.Timeout[] = [];
  private readonly abort = new AbortController();
  private readonly startedAt = Date.now();
  private lastError: string | null = null;
  private beats = 0;

  constructor(private readonly d: ReporterDeps) {}

  start(): void {
    void this.beat();
    this.timers.push(setInterval(() => void this.beat(), this.d.heartbeatSec * 1000));
    this.timers.push(setInterval(() => void this.replay(), this.d.spoolReplaySec * 1000));
    if (this.d.configSync) void this.syncLoop(this.d.configSync);
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.abort.abort();
  }

  private async beat(): Promise<void> {
    try {
      await this.d.controlPlane.heartbeat({
        hostKind: this.d.hostKind ?? "OPENCLAW",
        hostVersion: this.d.hostVersion ?? null,
        pluginVersion: this.d.pluginVersion,
        uptimeSec: Math.round((Date.now() - this.startedAt) / 1000),
        lastError: this.lastError,
      });
      // Inventory on the first beat and every tenth: cheap, and new groups show up by name.
      if (this.beats++ % 10 === 0) await this.d.controlPlane.reportInventory(this.d.inventory());
      await this.replay();
    } catch (e) {
      this.d.log(`heartbeat failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Replays spooled fail-open usage; safe to call at any time (idempotent by eventId). */
  async replay(): Promise<void> {
    try {
      const pending = await this.d.spool.pending();
      if (pending.length === 0) return;
      const r = await this.d.spool.replay((events) => this.d.controlPlane.reportUsage(events));
      this.d.log(`replayed ${r.sent} spooled usage event(s): ${r.accepted} new, ${r.duplicates} already known`);
    } catch (e) {
      this.d.log(`usage replay deferred: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async syncLoop(sync: ConfigSync): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        const r = await sync.syncOnce(this.d.configPollMs, this.abort.signal);
        if (r === "failed") this.lastError = "config revision rejected (see BaaS)";
        if (r === "applied") this.lastError = null;
        if (r === "none" || r === "unchanged") await sleep(this.d.configPollMs === 0 ? 5_000 : 250, this.abort.signal);
      } catch (e) {
        if (this.abort.signal.aborted) return;
        this.d.log(`config sync failed: ${e instanceof Error ? e.message : String(e)}`);
        await sleep(5_000, this.abort.signal);
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => { clearTimeout(t); resolve(); }, { once: true });
  });
}

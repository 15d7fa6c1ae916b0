import type { Applied, BudgetLedger } from "./budgets";
import type { Amounts, HeldCall, HotStore, RateEntry } from "./hot-store";
import type { TenantConfig } from "./tenant-config";

export interface HoldOptions {
  /** A hold lapses this long after its last renewal: a killed process frees its holds this fast. */
  leaseMs: number;
  /** How often this process renews the leases of its calls in flight (and puts back lost holds). */
  renewMs: number;
  /** A call is never held (or renewed) longer than this, however long it runs. */
  maxHoldMs: number;
}

interface Entry {
  cfg: TenantConfig;
  applied: Applied[];
  call: HeldCall;
  deadline: number;
  /** Set when the settle after a committed usage row failed: retried until Redis takes it. */
  pending: { amounts: Amounts[]; rateAdd: RateEntry[]; epoch: string | null; ref: string } | null;
}

/**
 * The holds of this process's calls in flight. Redis only caches the ledger: every renewMs this
 * keeper extends the lease of each running call, puts back holds that vanished (Redis emptied or
 * replaced), and retries settles that failed after their usage row was committed. A process
 * that dies stops renewing, so its holds lapse after leaseMs instead of blocking a budget.
 */
export class HoldKeeper {
  private readonly calls = new Map<string, Entry>();
  private epoch: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;

  constructor(
    private readonly hot: HotStore,
    private readonly ledger: BudgetLedger,
    readonly opts: HoldOptions,
    private readonly now: () => number,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.opts.renewMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  add(cfg: TenantConfig, applied: Applied[], id: string, amounts: Amounts[], claim: string | null): void {
    if (applied.length === 0 && !claim) return;
    const lines = applied.map((a, i) => ({ key: a.key, amounts: amounts[i]! }));
    this.calls.set(id, { cfg, applied, call: { id, lines, claim }, deadline: this.now() + this.opts.maxHoldMs, pending: null });
  }

  remove(id: string): void {
    this.calls.delete(id);
  }

  /** The settle of a committed call failed: keep its hold, and settle it once Redis answers. */
  settleLater(id: string, amounts: Amounts[], rateAdd: RateEntry[], ref: string): void {
    const e = this.calls.get(id);
    if (e) e.pending = { amounts, rateAdd, epoch: this.epoch, ref };
  }

  /** One renewal round; never throws (Redis may be down: the next round tries again). */
  tick(): Promise<void> {
    this.ticking ??= this.round()
      .catch(() => undefined)
      .finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async round(): Promise<void> {
    const now = this.now();
    const epoch = (await this.hot.epoch(now)).id;
    const emptied = this.epoch !== null && epoch !== this.epoch;
    this.epoch = epoch;
    const byTenant = new Map<string, Entry[]>();
    for (const [id, e] of this.calls) {
      if (e.deadline <= now) this.calls.delete(id);
      else if (byTenant.has(e.cfg.id)) byTenant.get(e.cfg.id)!.push(e);
      else byTenant.set(e.cfg.id, [e]);
    }
    for (const entries of byTenant.values()) await this.settlePending(entries, emptied);
    for (const [tenantId, entries] of byTenant) await this.renewTenant(tenantId, entries.filter((e) => this.calls.has(e.call.id)));
  }

  private async settlePending(entries: Entry[], emptied: boolean): Promise<void> {
    for (const e of entries.filter((x) => x.pending)) {
      // Emptied since: the rebuild from PostgreSQL already counted this committed row.
      if (!emptied && e.pending!.epoch === this.epoch) await this.ledger.settle(e.cfg, e.applied, e.call.id, e.pending!.amounts, e.pending!.rateAdd, this.now(), e.pending!.ref);
      this.calls.delete(e.call.id);
    }
  }

  private async renewTenant(tenantId: string, entries: Entry[]): Promise<void> {
    if (entries.length === 0) return;
    const leaseUntil = () => this.now() + this.opts.leaseMs;
    const calls = entries.map((e) => e.call);
    const r = await this.hot.renew(tenantId, calls, leaseUntil());
    if (r.missing.length === 0) return;
    // Counters gone with the store: seed them from PostgreSQL, then put the holds back on them.
    const cfg = entries[0]!.cfg;
    const byKey = new Map(entries.flatMap((e) => e.applied.map((a) => [a.key, a] as const)));
    await Promise.all(r.missing.map((k) => (byKey.has(k) ? this.ledger.rebuild(cfg, byKey.get(k)!) : null)));
    await this.hot.renew(tenantId, calls, leaseUntil());
  }
}

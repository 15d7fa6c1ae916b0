import { randomUUID } from "node:crypto";
import { decryptSecret, type Db } from "@baas/db";
import { buildClient, type UpstreamAccountRuntime } from "./upstream";
import type { WindowState } from "./upstream-headers";
import type { Notifier, Provider } from "./types";

export interface PoolOptions {
  encryptionKey: Buffer;
  timeoutMs: number;
  ttlMs: number;
  /** Restricts the pool to accounts whose name starts with this (tests and benchmarks share one DB). */
  namePrefix?: string;
}

/**
 * The shared pool of upstream accounts, ordered by priority (Max #1 → Max #2 → paid key).
 * Credentials are decrypted here and only here, once per refresh, into SDK clients.
 */
export class AccountPool {
  private accounts: Promise<UpstreamAccountRuntime[]> | null = null;
  private loadedAt = 0;
  private disabled = new Set<string>();
  private windowWrites = new Map<string, number>();
  private unreadable = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly notifier: Notifier,
    private readonly opts: PoolOptions,
    private readonly now: () => number,
  ) {}

  private reportUnreadable(id: string, name: string): void {
    if (this.unreadable.has(id)) return;
    this.unreadable.add(id);
    console.error(JSON.stringify({ level: "error", msg: "upstream account skipped: its credential cannot be decrypted with BAAS_ENCRYPTION_KEY", accountId: id, account: name }));
  }

  /** An operator changed the pool: the next call reads it afresh instead of waiting for the TTL. */
  invalidate(): void {
    this.loadedAt = 0;
    this.accounts = null;
  }

  async list(provider: Provider): Promise<UpstreamAccountRuntime[]> {
    if (!this.accounts || this.now() - this.loadedAt > this.opts.ttlMs) {
      const next = this.load();
      // Keep serving the previous list while a refresh is in flight.
      if (!this.accounts) this.accounts = next;
      this.loadedAt = this.now();
      next.then((v) => (this.accounts = Promise.resolve(v))).catch(() => undefined);
    }
    const all = await this.accounts;
    return all.filter((a) => a.provider === provider && !this.disabled.has(a.id));
  }

  private async load(): Promise<UpstreamAccountRuntime[]> {
    const rows = await this.db.upstreamAccount.findMany({
      where: {
        status: "ACTIVE",
        // A subscription is used only once an operator accepted its terms (upstream-accounts.ts in api).
        OR: [{ kind: "API_KEY" }, { subscriptionTermsAcceptedAt: { not: null } }],
        ...(this.opts.namePrefix ? { name: { startsWith: this.opts.namePrefix } } : {}),
      },
      orderBy: [{ priority: "asc" }, { createdAt: "asc" }],
    });
    this.disabled.clear();
    return rows.flatMap((r) => {
      let credential: string;
      try {
        credential = decryptSecret(r.credentialCiphertext, this.opts.encryptionKey);
      } catch {
        // One account stored under another key (or damaged) must not fail every call: it is left
        // out of the rotation and the operator is told once per process.
        this.reportUnreadable(r.id, r.name);
        return [];
      }
      const meta = { id: r.id, name: r.name, provider: r.provider === "OPENAI" ? ("openai" as const) : ("anthropic" as const), kind: r.kind, priority: r.priority };
      return [buildClient(meta, credential, r.baseUrl, this.opts.timeoutMs)];
    });
  }

  /** 401/403: the credential is dead. Stop using it everywhere and tell the operator. */
  async disable(a: UpstreamAccountRuntime, status: number | undefined): Promise<void> {
    if (this.disabled.has(a.id)) return;
    this.disabled.add(a.id);
    const reason = `Upstream answered ${status ?? "an auth error"}: credential rejected`;
    await this.db.upstreamAccount.update({ where: { id: a.id }, data: { status: "DISABLED", disabledReason: reason } }).catch(() => undefined);
    const alertId = randomUUID();
    const message = `Upstream account "${a.name}" was disabled: the provider rejected its credential (${status ?? "auth"}).`;
    await this.db.alert
      .create({ data: { id: alertId, kind: "ACCOUNT_DISABLED", severity: "CRITICAL", message, dedupeKey: `account-disabled:${a.id}:${this.now()}` } })
      .catch(() => undefined);
    await Promise.resolve(this.notifier.notify({ alertId, kind: "ACCOUNT_DISABLED", severity: "CRITICAL", tenantId: null, message })).catch(() => undefined);
  }

  /** Stores the subscription windows for the operator UI, at most every 30 s per account. */
  recordWindows(a: UpstreamAccountRuntime, w: WindowState): void {
    const last = this.windowWrites.get(a.id) ?? 0;
    if (this.now() - last < 30_000) return;
    this.windowWrites.set(a.id, this.now());
    const d = (t: number | null) => (t ? new Date(t) : null);
    void this.db.upstreamAccount
      .update({
        where: { id: a.id },
        data: { window5hUtilization: w.fiveHour, window5hResetAt: d(w.fiveHourResetAt), window7dUtilization: w.sevenDay, window7dResetAt: d(w.sevenDayResetAt) },
      })
      .catch(() => undefined);
  }
}

import type { HotStore } from "./hot-store";
import { resetFromHeaders, windowSpentUntil, type WindowState } from "./upstream-headers";

interface Health {
  failures: number;
  cooldownUntil: number;
  breakerOpenUntil: number;
  breakerOpenMs: number;
  probing: boolean;
}

export interface HealthOptions {
  breakerThreshold: number;
  breakerOpenMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Rotate away from a Max account once a rolling window is this spent (0..1). */
  windowRotateAt: number;
}

/**
 * Cooldowns and circuit breakers per account and model ("<accountId>:<model>", or "<accountId>:*"
 * for the whole account, e.g. a spent subscription window). Kept in process for the hot path and
 * mirrored through the HotStore so other control-plane processes skip the same account.
 */
export class AccountHealth {
  private state = new Map<string, Health>();
  private shared = new Map<string, number>();

  constructor(
    private readonly hot: HotStore,
    private readonly opts: HealthOptions,
    private readonly now: () => number,
  ) {}

  private get(key: string): Health {
    let h = this.state.get(key);
    if (!h) {
      h = { failures: 0, cooldownUntil: 0, breakerOpenUntil: 0, breakerOpenMs: this.opts.breakerOpenMs, probing: false };
      this.state.set(key, h);
    }
    return h;
  }

  /** Milliseconds until the account may serve this model (0 = now). Claims the half-open probe. */
  waitMs(accountId: string, model: string, claimProbe = true): number {
    const now = this.now();
    let wait = 0;
    for (const key of [`${accountId}:${model}`, `${accountId}:*`]) {
      wait = Math.max(wait, (this.shared.get(key) ?? 0) - now);
      const h = this.state.get(key);
      if (!h) continue;
      wait = Math.max(wait, h.cooldownUntil - now);
      if (h.breakerOpenUntil > now) wait = Math.max(wait, h.breakerOpenUntil - now);
      else if (h.breakerOpenUntil > 0) {
        // Half-open: one probe at a time; everyone else keeps waiting for its verdict.
        if (h.probing) wait = Math.max(wait, 1000);
        else if (claimProbe && wait <= 0) h.probing = true;
      }
    }
    return Math.max(0, wait);
  }

  success(accountId: string, model: string): void {
    const h = this.state.get(`${accountId}:${model}`);
    if (h && (h.failures > 0 || h.breakerOpenUntil > 0)) this.state.delete(`${accountId}:${model}`);
  }

  /**
   * A retryable failure: cool down as the provider says, never past its reset, else back off. A
   * spent subscription window is the exception: nothing passes before it resets, so the account
   * waits for that reset even when `retry-after` names a shorter time.
   */
  failure(accountId: string, model: string, headers: Headers | undefined): void {
    const now = this.now();
    const h = this.get(`${accountId}:${model}`);
    h.failures += 1;
    const { retryAt, resetAt } = resetFromHeaders(headers, now);
    const spentUntil = windowSpentUntil(headers, now);
    const backoff = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** (h.failures - 1));
    let until = retryAt ?? resetAt ?? now + backoff;
    if (resetAt !== null) until = Math.min(until, resetAt);
    if (spentUntil !== null) until = Math.max(until, spentUntil);
    h.cooldownUntil = until;
    if (h.probing || h.failures >= this.opts.breakerThreshold) {
      h.breakerOpenMs = h.probing ? Math.min(h.breakerOpenMs * 2, 300_000) : this.opts.breakerOpenMs;
      h.breakerOpenUntil = Math.max(now + h.breakerOpenMs, until);
      h.probing = false;
    }
    this.publish(`${accountId}:${model}`, until);
  }

  /** Rotate away before a subscription window is spent; back when the window resets. */
  windows(accountId: string, w: WindowState): void {
    const spent = (u: number | null) => u !== null && u >= this.opts.windowRotateAt;
    const until = Math.max(
      spent(w.fiveHour) ? (w.fiveHourResetAt ?? this.now() + 3_600_000) : 0,
      spent(w.sevenDay) ? (w.sevenDayResetAt ?? this.now() + 3_600_000) : 0,
    );
    if (until > this.now()) {
      this.get(`${accountId}:*`).cooldownUntil = until;
      this.publish(`${accountId}:*`, until);
    }
  }

  private publish(key: string, until: number): void {
    this.shared.set(key, until);
    void this.hot.setCooldown(key, until).catch(() => undefined);
  }

  /** Pulls other processes' cooldowns (called on a timer). */
  async refresh(): Promise<void> {
    this.shared = await this.hot.getCooldowns(this.now());
  }
}

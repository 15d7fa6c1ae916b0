import { describe, expect, it } from "vitest";
import { AccountHealth } from "./account-health";
import { createMemoryHotStore } from "./hot-store-memory";

const OPTS = { breakerThreshold: 5, breakerOpenMs: 30_000, backoffBaseMs: 1_000, backoffMaxMs: 60_000, windowRotateAt: 0.95 };

function setup() {
  let t = Date.UTC(2026, 11, 4, 12, 0, 0);
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  const health = new AccountHealth(createMemoryHotStore({ now: clock.now }), OPTS, clock.now);
  const sec = (ms: number) => String(Math.floor((t + ms) / 1000));
  return { clock, health, sec };
}

describe("AccountHealth cooldowns follow the provider", () => {
  it("a spent subscription window (unified status rejected) keeps the account off until its reset, whatever retry-after says", () => {
    const { clock, health, sec } = setup();
    health.failure("max1", "claude-sonnet-4-5", new Headers({
      "retry-after": "20",
      "anthropic-ratelimit-unified-status": "rejected",
      "anthropic-ratelimit-unified-reset": sec(3_600_000),
      "anthropic-ratelimit-unified-representative-claim": "five_hour",
    }));
    clock.advance(40_000);
    expect(health.waitMs("max1", "claude-sonnet-4-5", false)).toBeGreaterThan(3_500_000);
    clock.advance(3_560_000);
    expect(health.waitMs("max1", "claude-sonnet-4-5", false)).toBe(0);
  });

  it("the weekly window's own rejected status counts too, with its own reset", () => {
    const { clock, health, sec } = setup();
    health.failure("max1", "claude-opus-4-1", new Headers({
      "retry-after": "5",
      "anthropic-ratelimit-unified-status": "allowed",
      "anthropic-ratelimit-unified-7d-status": "rejected",
      "anthropic-ratelimit-unified-7d-reset": sec(2 * 86_400_000),
    }));
    clock.advance(86_400_000);
    expect(health.waitMs("max1", "claude-opus-4-1", false)).toBe(86_400_000);
  });

  it("a short-term 429 still follows retry-after, never past the stated reset", () => {
    const { clock, health, sec } = setup();
    health.failure("paid", "claude-sonnet-4-5", new Headers({ "retry-after": "20", "anthropic-ratelimit-unified-status": "allowed", "anthropic-ratelimit-unified-reset": sec(3_600_000) }));
    expect(health.waitMs("paid", "claude-sonnet-4-5", false)).toBe(20_000);
    clock.advance(20_000);
    expect(health.waitMs("paid", "claude-sonnet-4-5", false)).toBe(0);
    health.failure("paid", "claude-haiku-4-5", new Headers({ "retry-after": "600", "anthropic-ratelimit-requests-reset": new Date(clock.now() + 30_000).toISOString() }));
    expect(health.waitMs("paid", "claude-haiku-4-5", false)).toBe(30_000);
  });

  it("without any header it backs off exponentially", () => {
    const { health } = setup();
    health.failure("x", "m", undefined);
    expect(health.waitMs("x", "m", false)).toBe(1_000);
    health.failure("x", "m", undefined);
    expect(health.waitMs("x", "m", false)).toBe(2_000);
  });
});

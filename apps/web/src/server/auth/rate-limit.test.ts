import { describe, expect, it } from "vitest";
import { hit } from "./rate-limit";

describe("sign-in rate limit", () => {
  it("allows max attempts per window, then says how long to wait, then resets", () => {
    const key = `k-${Math.random()}`;
    const limit = { max: 3, windowMs: 60_000 };
    const t0 = 1_000_000;
    expect([hit(key, limit, t0), hit(key, limit, t0 + 1), hit(key, limit, t0 + 2)]).toEqual([null, null, null]);
    expect(hit(key, limit, t0 + 30_000)).toBe(30);
    expect(hit(key, limit, t0 + 60_001)).toBeNull();
  });
});

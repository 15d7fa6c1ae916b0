import { describe, expect, it } from "vitest";
import { cronAuthorized } from "./cron-auth";

describe("cron route authorization", () => {
  const secret = "cron-secret-0123456789abcdef";
  it("accepts only the configured bearer secret", () => {
    expect(cronAuthorized(`Bearer ${secret}`, secret)).toBe(true);
    expect(cronAuthorized(`Bearer ${secret}x`, secret)).toBe(false);
    expect(cronAuthorized(secret, secret)).toBe(false);
    expect(cronAuthorized(null, secret)).toBe(false);
  });
  it("refuses everything while no secret is configured", () => {
    expect(cronAuthorized("Bearer ", undefined)).toBe(false);
    expect(cronAuthorized("Bearer anything", undefined)).toBe(false);
  });
});
